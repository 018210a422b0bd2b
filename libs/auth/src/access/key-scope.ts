import {
  anyJurisdictionCovers, EventTypes, FieldError, JURISDICTION_PATTERN, KeyScope, PROVIDER_ID_PATTERN, QA_BODY_ID_PATTERN, QualityAssuranceBodyRegistered, RequestValidationError, Role, Streams,
} from '@app/contracts';
import { EventStore } from '@app/event-store';

type ScopeField = keyof KeyScope;

/** The scope fields each role's key carries; a key carries exactly these, so no check ever meets a missing scope. */
const FIELDS: Record<Role, ScopeField[]> = {
  admin: [],
  provider: ['providerId'],
  'qa-body': ['qaBodyId', 'jurisdictions'],
  regulator: ['jurisdictions'],
  partner: ['partnerId'],
  learner: ['learnerId'],
};

function refuse(field: string, message: string): never {
  throw new RequestValidationError([{ field, message }]);
}

/**
 * The scope a new key is stored with, or 400 naming the field: every key carries the scope
 * its role needs, and nothing else. A qa-body key without jurisdictions gets its body's
 * registered ones, written into the key so the key alone says where it may act.
 */
export async function resolveKeyScope(role: Role, requested: KeyScope | undefined, events: EventStore): Promise<KeyScope> {
  const scope = requested ?? {};
  const extra = (Object.keys(scope) as ScopeField[]).filter((f) => scope[f] !== undefined && !FIELDS[role].includes(f));
  if (extra.length) throw new RequestValidationError(extra.map((f): FieldError => ({ field: `scope.${f}`, message: `a ${role} key takes no ${f}` })));
  switch (role) {
    case 'provider':
      return { providerId: await registeredProvider(scope.providerId, events) };
    case 'qa-body': {
      const { qaBodyId, body } = await registeredQaBody(scope.qaBodyId, events);
      if (scope.jurisdictions === undefined) return { qaBodyId, jurisdictions: [...body.jurisdictions] };
      const jurisdictions = validJurisdictions(scope.jurisdictions);
      // A key may narrow the body's jurisdictions, never widen them.
      const outside = jurisdictions.findIndex((j) => !anyJurisdictionCovers(body.jurisdictions, j));
      if (outside >= 0) refuse(`scope.jurisdictions[${outside}]`, "outside the QA body's registered jurisdictions");
      return { qaBodyId, jurisdictions };
    }
    case 'regulator':
      if (scope.jurisdictions === undefined) refuse('scope.jurisdictions', 'a regulator key needs scope.jurisdictions: the jurisdictions it oversees');
      return { jurisdictions: validJurisdictions(scope.jurisdictions) };
    case 'partner':
      return { partnerId: await registeredPartner(scope.partnerId, events) };
    case 'learner':
      return { learnerId: await existingLearner(scope.learnerId, events) };
    default:
      return {};
  }
}

async function registeredProvider(providerId: string | undefined, events: EventStore): Promise<string> {
  if (!providerId) return refuse('scope.providerId', 'a provider key needs scope.providerId');
  const [registered] = await events.readStream(Streams.provider(providerId), { maxCount: 1 });
  if (!registered) refuse('scope.providerId', 'no provider is registered with this id');
  return providerId;
}

async function registeredPartner(partnerId: string | undefined, events: EventStore): Promise<string> {
  if (typeof partnerId !== 'string' || !PROVIDER_ID_PATTERN.test(partnerId)) return refuse('scope.partnerId', 'a partner key needs scope.partnerId, a lower-case slug');
  const [registered] = await events.readStream(Streams.partner(partnerId), { maxCount: 1 });
  if (registered?.type !== EventTypes.PartnerRegistered) refuse('scope.partnerId', 'no partner is registered with this id');
  return partnerId;
}

/** A learner exists once identity resolution opened its record: the first event of `learner-{id}`. */
async function existingLearner(learnerId: string | undefined, events: EventStore): Promise<string> {
  if (!learnerId) return refuse('scope.learnerId', 'a learner key needs scope.learnerId: the learner it acts for');
  const [opened] = await events.readStream(Streams.learner(learnerId), { maxCount: 1 });
  if (opened?.type !== EventTypes.LearnerRecordOpened) refuse('scope.learnerId', 'no learner record with this id');
  return learnerId;
}

async function registeredQaBody(qaBodyId: string | undefined, events: EventStore): Promise<{ qaBodyId: string; body: QualityAssuranceBodyRegistered }> {
  if (!qaBodyId) return refuse('scope.qaBodyId', 'a qa-body key needs scope.qaBodyId');
  if (!QA_BODY_ID_PATTERN.test(qaBodyId)) refuse('scope.qaBodyId', 'qaBodyId must be a lower-case slug');
  const [registered] = await events.readStream(Streams.qaBody(qaBodyId), { maxCount: 1 });
  if (registered?.type !== EventTypes.QualityAssuranceBodyRegistered) return refuse('scope.qaBodyId', 'no QA body is registered with this id');
  return { qaBodyId, body: registered.data };
}

function validJurisdictions(value: unknown): string[] {
  if (!Array.isArray(value)) return refuse('scope.jurisdictions', 'scope.jurisdictions must be an array of jurisdiction codes');
  if (value.length === 0) refuse('scope.jurisdictions', 'scope.jurisdictions must name at least one jurisdiction');
  const bad = value.findIndex((j) => typeof j !== 'string' || !JURISDICTION_PATTERN.test(j));
  if (bad >= 0) refuse(`scope.jurisdictions[${bad}]`, 'each jurisdiction must be an ISO 3166-1 alpha-2 or ISO 3166-2 code, or EU');
  return value as string[];
}
