import { DataSet } from './data-set';
import { JURISDICTIONS } from './jurisdictions';

/** Who sends a request: the admin, or the key of a QA body or a provider the steps before created. */
export type Caller = { role: 'admin' } | { role: 'qa-body'; id: string } | { role: 'provider'; id: string };

/** One API request of a data set's set-up, with the statuses that mean it took (409: already there). */
export interface ApiStep {
  as: Caller;
  method: 'POST' | 'PUT';
  path: string;
  body?: unknown;
  ok: number[];
  /** A key-issuing step: the key answered is kept for this caller. */
  keyFor?: Caller;
  /** Sent only when the step before it created something (201): a change to what an earlier run set up is not made twice. */
  onlyAfterCreation?: boolean;
}

/**
 * The set-up of a data set as the API requests an operator, the QA bodies and the providers
 * would send, in an order that works: QA bodies and policies, keys, providers, accreditations
 * (some suspended for a while), achievements and their approvals. Ids are chosen by the
 * generator (accreditationId, achievementId), so a rerun finds them and answers 200 or 409.
 */
export function setupSteps(set: DataSet): ApiStep[] {
  const admin = { role: 'admin' } as const;
  const steps: ApiStep[] = [];
  for (const q of set.qaBodies) steps.push({ as: admin, method: 'POST', path: '/v1/qa-bodies', body: q, ok: [200, 201, 409] });
  for (const j of set.policies) steps.push({ as: admin, method: 'POST', path: `/v1/policies/${j}`, ok: [200, 201, 409] });
  for (const q of set.qaBodies) {
    steps.push({ as: admin, method: 'POST', path: '/v1/api-keys', body: { role: 'qa-body', scope: { qaBodyId: q.qaBodyId, jurisdictions: q.jurisdictions }, label: 'generated data set' }, ok: [201], keyFor: { role: 'qa-body', id: q.qaBodyId } });
  }
  for (const p of set.providers) {
    const provider = { role: 'provider', id: p.providerId } as const;
    const qa = { role: 'qa-body', id: p.qaBodyId } as const;
    steps.push({ as: admin, method: 'POST', path: '/v1/providers', body: { providerId: p.providerId, name: p.name, jurisdiction: p.jurisdiction, kind: p.kind }, ok: [200, 201, 409] });
    steps.push({ as: admin, method: 'POST', path: '/v1/api-keys', body: { role: 'provider', scope: { providerId: p.providerId }, label: 'generated data set' }, ok: [201], keyFor: provider });
    const scope = JURISDICTIONS.find((j) => j.code === p.jurisdiction)!.accreditationScope;
    steps.push({ as: qa, method: 'POST', path: '/v1/accreditations', body: { accreditationId: p.accreditationId, providerId: p.providerId, scope, validFrom: set.accreditedFrom, validUntil: set.accreditedUntil }, ok: [200, 201, 409] });
    if (p.suspension) {
      steps.push({ as: qa, method: 'POST', path: `/v1/accreditations/${p.accreditationId}/suspension`, body: { effectiveFrom: p.suspension.from, reason: 'conditions of accreditation under review' }, ok: [200], onlyAfterCreation: true });
      steps.push({ as: qa, method: 'POST', path: `/v1/accreditations/${p.accreditationId}/reinstatement`, body: { effectiveFrom: p.suspension.until, reason: 'conditions met again' }, ok: [200], onlyAfterCreation: true });
    }
  }
  for (const a of set.achievements) {
    steps.push({ as: { role: 'provider', id: a.providerId }, method: 'POST', path: `/v1/providers/${a.providerId}/achievements`, body: a.spec, ok: [200, 201] });
    const provider = set.providers.find((p) => p.providerId === a.providerId)!;
    if (a.approveIn) steps.push({ as: { role: 'qa-body', id: provider.qaBodyId }, method: 'POST', path: `/v1/achievements/${a.achievementId}/approvals`, body: { jurisdiction: a.approveIn }, ok: [200, 201, 409] });
  }
  return steps;
}
