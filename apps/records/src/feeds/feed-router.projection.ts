import { anyJurisdictionCovers, ConsentPurpose, EventTypes, FeedEventKind, PartnerRegistered, RecordedEvent } from '@app/contracts';
import { applyThroughCache, Projection, ReadTx } from '@app/read-store';
import { ConsentHistoryEntry, consentInForceAt } from '../consents/consent-in-force';
import { normalise, NormalisableSpec } from '../normalisation/normalise';
import { StandingAtIssue } from '../standing/standing-at-issue';
import { StandingCollections } from '../standing/standing.projection';
import { FEED_KIND_OF, FeedCloudEvent, feedCloudEvent, FeedData, feedKey, withoutLearner } from './feed-event';

export const FeedCollections = {
  /** One document (`all`): every registered partner's scope. */
  partners: 'feeds-partners',
  /** `${partnerId}:${sequence, 12 digits}` → FeedEntry. */
  entries: 'feeds-entries',
  /** partnerId → the last sequence written. */
  heads: 'feeds-heads',
  consents: 'feeds-consents',
  credentials: 'feeds-credentials',
  achievements: 'feeds-achievements',
  learners: 'feeds-learners',
} as const;

export const FEED_ROUTER = 'records.feeds';

export interface PartnerRoute {
  partnerId: string;
  jurisdictions: string[];
  eventKinds: FeedEventKind[];
  purposes: ConsentPurpose[];
  kafka: boolean;
  /** Where its webhook deliveries go, when it asked for them. */
  webhook?: string;
}

/** One integration event in one partner's feed. `partnerId` and `seq` are top-level so a page is one query. */
export interface FeedEntry {
  partnerId: string;
  seq: number;
  /** Kafka key: the learner while there is one, else the subject. */
  key: string;
  event: FeedCloudEvent;
}

interface CredentialFacts {
  credentialId: string;
  providerId: string;
  achievementId: string;
  jurisdiction?: string;
  status: 'issued' | 'suspended' | 'revoked' | 'expired';
  issuedAt: string;
  validUntil?: string;
  learnerId?: string;
  achievementTitle?: string;
  /** The achievement's level and workload in force at issue; normalised when an entry is written (most credentials never reach a feed). */
  spec?: NormalisableSpec;
}

interface AchievementFacts {
  providerId: string;
  jurisdiction?: string;
  title: string;
  spec: NormalisableSpec;
}

/** What the router keeps of a learner: merged into whom, erased or not, and where its entries are (to redact them). */
interface LearnerFacts {
  mergedInto?: string;
  erased?: true;
  entries: string[];
}

export const entryId = (partnerId: string, seq: number) => `${partnerId}:${String(seq).padStart(12, '0')}`;
const consentKey = (learnerId: string, partnerId: string) => `${learnerId}:${partnerId}`;
const STATUS_OF: Partial<Record<string, CredentialFacts['status']>> = {
  [EventTypes.CredentialSuspended]: 'suspended',
  [EventTypes.CredentialReinstated]: 'issued',
  [EventTypes.CredentialRevoked]: 'revoked',
  [EventTypes.CredentialExpired]: 'expired',
};

/**
 * The feed router: folds, from the global log, what it needs to judge each event (partners,
 * consents, credentials and their learners, achievements) and appends the integration events
 * it builds to each matching partner's feed, all in the transaction that moves its checkpoint:
 * a replay writes the same entries under the same sequences, and a crash repeats nothing.
 *
 * An event about a learner goes to a partner only while that learner's consent to the partner,
 * for one of the partner's purposes, was in force at the event's own position; never after the
 * learner was erased, and erasure strips the learner's id from the entries already written.
 * Everything it folds is its own, so its judgement never depends on how far another group got.
 */
export class FeedRouterProjection implements Projection {
  readonly name = FEED_ROUTER;
  readonly collections = Object.values(FeedCollections);

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case EventTypes.PartnerRegistered:
        return this.register(tx, event.data);
      case EventTypes.ConsentGranted:
      case EventTypes.ConsentWithdrawn: {
        const key = consentKey(event.data.learnerId, event.data.partnerId);
        const history = (await tx.get<{ history: ConsentHistoryEntry[] }>(FeedCollections.consents, key))?.history ?? [];
        const entry: ConsentHistoryEntry = event.type === EventTypes.ConsentGranted
          ? { type: event.type, position: event.position, recordedAt: event.metadata.recordedAt, purposes: event.data.purposes, ...(event.data.expiresAt ? { expiresAt: event.data.expiresAt } : {}) }
          : { type: event.type, position: event.position, recordedAt: event.metadata.recordedAt };
        return tx.put(FeedCollections.consents, key, { history: [...history.filter((h) => h.position !== event.position), entry] });
      }
      case EventTypes.AchievementDefined:
      case EventTypes.AchievementRevised:
      case EventTypes.AchievementRetired:
        return this.achievement(tx, event);
      case EventTypes.CredentialIssued: {
        const { credentialId, providerId, achievementId, issuedAt, validUntil } = event.data;
        const achievement = await tx.get<AchievementFacts>(FeedCollections.achievements, achievementId);
        const facts: CredentialFacts = {
          credentialId, providerId, achievementId, status: 'issued', issuedAt,
          ...(validUntil ? { validUntil } : {}),
          ...(event.metadata.jurisdiction ?? achievement?.jurisdiction ? { jurisdiction: event.metadata.jurisdiction ?? achievement?.jurisdiction } : {}),
          // The figures of the specification in force at issue, not as revised since.
          ...(achievement ? { achievementTitle: achievement.title, spec: achievement.spec } : {}),
        };
        return tx.put(FeedCollections.credentials, credentialId, facts);
      }
      case EventTypes.LearnerCredentialLinked: {
        const facts = await tx.get<CredentialFacts>(FeedCollections.credentials, event.data.credentialId);
        if (!facts) return;
        const linked = { ...facts, learnerId: event.data.learnerId };
        await tx.put(FeedCollections.credentials, facts.credentialId, linked);
        return this.aboutCredential(tx, event, 'credential.issued', linked);
      }
      case EventTypes.CredentialAmended:
      case EventTypes.CredentialSuspended:
      case EventTypes.CredentialReinstated:
      case EventTypes.CredentialRevoked:
      case EventTypes.CredentialExpired: {
        const facts = await tx.get<CredentialFacts>(FeedCollections.credentials, event.data.credentialId);
        if (!facts) return;
        const status = STATUS_OF[event.type] ?? facts.status;
        const validUntil = event.type === EventTypes.CredentialAmended ? event.data.changes.validUntil ?? facts.validUntil
          : event.type === EventTypes.CredentialExpired ? event.data.validUntil : facts.validUntil;
        const changed: CredentialFacts = { ...facts, status, ...(validUntil ? { validUntil } : {}) };
        await tx.put(FeedCollections.credentials, facts.credentialId, changed);
        return this.aboutCredential(tx, event, FEED_KIND_OF[event.type]!, changed);
      }
      case EventTypes.LearnerRecordsMerged:
        for (const learnerId of event.data.learnerIds.filter((id) => id !== event.data.into)) {
          await this.updateLearner(tx, learnerId, (l) => ({ ...l, mergedInto: event.data.into }));
        }
        return;
      case EventTypes.LearnerRecordsSplit:
        await this.updateLearner(tx, event.data.newLearnerId, ({ mergedInto: _undone, ...l }) => l);
        for (const credentialId of event.data.credentialIds) {
          const facts = await tx.get<CredentialFacts>(FeedCollections.credentials, credentialId);
          if (facts) await tx.put(FeedCollections.credentials, credentialId, { ...facts, learnerId: event.data.newLearnerId });
        }
        return;
      case EventTypes.LearnerErased:
        return this.erase(tx, event.data.learnerId);
      default:
        return;
    }
  }

  /** Partners, achievements, credentials, learners and heads: read and written once per batch. */
  applyBatch(tx: ReadTx, events: RecordedEvent[]): Promise<void> {
    return applyThroughCache(tx, events, (t, e) => this.apply(t, e));
  }

  private async register(tx: ReadTx, partner: PartnerRegistered): Promise<void> {
    const all = (await tx.get<{ partners: PartnerRoute[] }>(FeedCollections.partners, 'all'))?.partners ?? [];
    const route: PartnerRoute = { partnerId: partner.partnerId, ...partner.scope, kafka: partner.deliveries.kafka, ...(partner.deliveries.webhook ? { webhook: partner.deliveries.webhook.url } : {}) };
    await tx.put(FeedCollections.partners, 'all', { partners: [...all.filter((p) => p.partnerId !== partner.partnerId), route] });
  }

  private async achievement(tx: ReadTx, event: RecordedEvent & { type: 'AchievementDefined' | 'AchievementRevised' | 'AchievementRetired' }): Promise<void> {
    const { achievementId, providerId } = event.data;
    const before = await tx.get<AchievementFacts>(FeedCollections.achievements, achievementId);
    const jurisdiction = event.metadata.jurisdiction ?? before?.jurisdiction;
    let facts = before;
    if (event.type === EventTypes.AchievementDefined) facts = { providerId, ...(jurisdiction ? { jurisdiction } : {}), title: event.data.title, spec: specOf(event.data) };
    else if (event.type === EventTypes.AchievementRevised) facts = { providerId, ...(jurisdiction ? { jurisdiction } : {}), title: event.data.spec.title, spec: specOf(event.data.spec) };
    if (facts && facts !== before) await tx.put(FeedCollections.achievements, achievementId, facts);
    if (!jurisdiction) return;
    const data: FeedData = {
      achievementId, providerId, jurisdiction,
      ...(facts ? { title: facts.title, normalised: normalise(facts.spec) } : {}),
      ...(event.type === EventTypes.AchievementRetired ? { retired: true } : {}),
    };
    for (const partner of await this.partners(tx)) {
      if (partner.eventKinds.includes(FEED_KIND_OF[event.type]!) && anyJurisdictionCovers(partner.jurisdictions, jurisdiction)) {
        await this.append(tx, partner.partnerId, FEED_KIND_OF[event.type]!, event, data);
      }
    }
  }

  /** Routes a credential event to each partner in scope whose consent from the credential's learner is in force here. */
  private async aboutCredential(tx: ReadTx, event: RecordedEvent, kind: FeedEventKind, facts: CredentialFacts): Promise<void> {
    if (!facts.learnerId || !facts.jurisdiction) return;
    const jurisdiction = facts.jurisdiction;
    // The partners in scope first: with none (most events), the learner need not be looked up.
    const inScope = (await this.partners(tx)).filter((p) => p.eventKinds.includes(kind) && anyJurisdictionCovers(p.jurisdictions, jurisdiction));
    if (inScope.length === 0) return;
    const learnerId = await this.currentLearner(tx, facts.learnerId);
    const learner = await tx.get<LearnerFacts>(FeedCollections.learners, learnerId);
    if (learner?.erased) return;
    let standing: StandingAtIssue | null | undefined;
    const normalised = facts.spec && normalise(facts.spec);
    for (const partner of inScope) {
      const history = (await tx.get<{ history: ConsentHistoryEntry[] }>(FeedCollections.consents, consentKey(learnerId, partner.partnerId)))?.history ?? [];
      const terms = consentInForceAt(history, { position: event.position, instant: event.metadata.recordedAt });
      if (!terms || !terms.purposes.some((p) => partner.purposes.includes(p))) continue;
      standing ??= (await tx.get<{ standing: StandingAtIssue }>(StandingCollections.standings, facts.credentialId))?.standing ?? null;
      const data: FeedData = {
        credentialId: facts.credentialId, providerId: facts.providerId, achievementId: facts.achievementId,
        ...(facts.achievementTitle ? { achievementTitle: facts.achievementTitle } : {}),
        status: facts.status, issuedAt: facts.issuedAt, ...(facts.validUntil ? { validUntil: facts.validUntil } : {}),
        jurisdiction, learnerId,
        ...(normalised ? { normalised } : {}),
        ...(standing ? { standing } : {}),
      };
      const id = await this.append(tx, partner.partnerId, kind, event, data);
      await this.updateLearner(tx, learnerId, (l) => ({ ...l, entries: [...l.entries, id] }));
    }
  }

  private async append(tx: ReadTx, partnerId: string, kind: FeedEventKind, event: RecordedEvent, data: FeedData): Promise<string> {
    const seq = ((await tx.get<{ seq: number }>(FeedCollections.heads, partnerId))?.seq ?? 0) + 1;
    const cloudEvent = feedCloudEvent(partnerId, seq, kind, event, data);
    const id = entryId(partnerId, seq);
    await tx.put<FeedEntry>(FeedCollections.entries, id, { partnerId, seq, key: feedKey(cloudEvent), event: cloudEvent });
    await tx.put(FeedCollections.heads, partnerId, { partnerId, seq });
    return id;
  }

  /** Erasure: no later event about the learner is routed, and the entries already written lose the learner's id. */
  private async erase(tx: ReadTx, learnerId: string): Promise<void> {
    const learner = await tx.get<LearnerFacts>(FeedCollections.learners, learnerId);
    for (const id of learner?.entries ?? []) {
      const entry = await tx.get<FeedEntry>(FeedCollections.entries, id);
      if (!entry) continue;
      const event = withoutLearner(entry.event);
      await tx.put<FeedEntry>(FeedCollections.entries, id, { ...entry, key: feedKey(event), event });
    }
    await tx.put<LearnerFacts>(FeedCollections.learners, learnerId, { ...(learner?.mergedInto ? { mergedInto: learner.mergedInto } : {}), erased: true, entries: [] });
  }

  private async partners(tx: ReadTx): Promise<PartnerRoute[]> {
    return (await tx.get<{ partners: PartnerRoute[] }>(FeedCollections.partners, 'all'))?.partners ?? [];
  }

  /** The learner a merged record now answers as (a few hops at most; bounded so a cycle cannot hang the router). */
  private async currentLearner(tx: ReadTx, learnerId: string): Promise<string> {
    let current = learnerId;
    for (let hop = 0; hop < 16; hop++) {
      const next = (await tx.get<LearnerFacts>(FeedCollections.learners, current))?.mergedInto;
      if (!next || next === current) break;
      current = next;
    }
    return current;
  }

  private async updateLearner(tx: ReadTx, learnerId: string, change: (l: LearnerFacts) => LearnerFacts): Promise<void> {
    const before = (await tx.get<LearnerFacts>(FeedCollections.learners, learnerId)) ?? { entries: [] };
    await tx.put(FeedCollections.learners, learnerId, change(before));
  }
}

function specOf(spec: NormalisableSpec): NormalisableSpec {
  return { ...(spec.level ? { level: spec.level } : {}), workload: spec.workload };
}
