import { EventTypes, RecordedEvent } from '@app/contracts';
import { applyThroughCache, Projection, ReadTx } from '@app/read-store';
import { AuditCollections, AuditIndexRow, rowId } from './audit-index';

/** `last`: the position of the last event indexed (events come in log order), so a replayed one is known without reading its row. */
interface Count { count: number; last?: number }
interface ProviderFact { jurisdiction: string }
interface QaBodyFact { jurisdictions: string[] }
interface AchievementFact { providerId: string }
/** `pending`: positions of the credential's events indexed before it was linked to a learner (few: a credential's first events). */
interface CredentialFact { providerId?: string; learnerId?: string; pending?: number[] }
interface LearnerFact { jurisdictions: string[]; mergedInto?: string }

const PENDING_CAP = 64;
type Body = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const obj = (v: unknown): Body => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Body) : {});

/**
 * The audit index (issue 12 item 1): per event its position, leaf index (count of events before
 * it), stream, type, recordedAt and facets. Facets are read from the body where it names them,
 * else derived from what the log said earlier: a provider's or QA body's jurisdiction, an
 * achievement's or credential's provider, a credential's learner. An event belongs to every
 * jurisdiction it touches. `learnerIds`: the learners the event is about — a learner's own
 * events, and every event of a credential linked to the learner (the credential's events before
 * the link, its issue among them, get the learner when the link is recorded). Deterministic, so a
 * replay builds the same rows.
 */
export class AuditIndexProjection implements Projection {
  readonly name = 'records.audit-index';
  readonly collections = Object.values(AuditCollections);

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    const id = rowId(event.position);
    const counted = await tx.get<Count>(AuditCollections.facts, 'count');
    if (counted?.last !== undefined ? event.position <= counted.last : await tx.get(AuditCollections.events, id)) return;
    const count = counted?.count ?? 0;
    await this.learn(tx, event);
    const row = await this.rowOf(tx, event, count);
    await tx.put<AuditIndexRow>(AuditCollections.events, id, row);
    await tx.put<Count>(AuditCollections.facts, 'count', { count: count + 1, last: event.position });
  }

  /** The facts (providers, achievements, credentials, the count) read and written once per batch. */
  applyBatch(tx: ReadTx, events: RecordedEvent[]): Promise<void> {
    return applyThroughCache(tx, events, (t, e) => this.apply(t, e));
  }

  /** Facts later events' facets are derived from. */
  private async learn(tx: ReadTx, event: RecordedEvent): Promise<void> {
    const F = AuditCollections.facts;
    switch (event.type) {
      case EventTypes.ProviderRegistered:
        return tx.put<ProviderFact>(F, `provider:${event.data.providerId}`, { jurisdiction: event.data.jurisdiction });
      case EventTypes.QualityAssuranceBodyRegistered:
        return tx.put<QaBodyFact>(F, `qabody:${event.data.qaBodyId}`, { jurisdictions: [...event.data.jurisdictions].sort() });
      case EventTypes.AchievementDefined:
        return tx.put<AchievementFact>(F, `achievement:${event.data.achievementId}`, { providerId: event.data.providerId });
      case EventTypes.LearnerCredentialLinked: {
        const { learnerId, credentialId, providerId } = event.data;
        const fact = (await tx.get<CredentialFact>(F, `credential:${credentialId}`)) ?? { providerId };
        for (const position of fact.pending ?? []) {
          const row = await tx.get<AuditIndexRow>(AuditCollections.events, rowId(position));
          if (row && !row.learnerIds.includes(learnerId)) await tx.put<AuditIndexRow>(AuditCollections.events, rowId(position), { ...row, learnerIds: [...row.learnerIds, learnerId].sort() });
        }
        await tx.put<CredentialFact>(F, `credential:${credentialId}`, { providerId: fact.providerId ?? providerId, learnerId });
        const provider = await tx.get<ProviderFact>(F, `provider:${providerId}`);
        if (provider) await this.addLearnerJurisdictions(tx, learnerId, [provider.jurisdiction]);
        return;
      }
      case EventTypes.LearnerRecordsSplit:
        for (const credentialId of event.data.credentialIds) {
          const fact = (await tx.get<CredentialFact>(F, `credential:${credentialId}`)) ?? {};
          await tx.put<CredentialFact>(F, `credential:${credentialId}`, { ...fact, learnerId: event.data.newLearnerId, pending: undefined });
        }
        return;
      case EventTypes.LearnerRecordsMerged: {
        const { learnerIds, into } = event.data;
        for (const learnerId of learnerIds.filter((l) => l !== into)) {
          const fact = (await tx.get<LearnerFact>(F, `learner:${learnerId}`)) ?? { jurisdictions: [] };
          await tx.put<LearnerFact>(F, `learner:${learnerId}`, { ...fact, mergedInto: into });
          await this.addLearnerJurisdictions(tx, into, fact.jurisdictions);
        }
        return;
      }
      default:
        return;
    }
  }

  private async rowOf(tx: ReadTx, event: RecordedEvent, count: number): Promise<AuditIndexRow> {
    const F = AuditCollections.facts;
    const d = obj(event.data);
    const subject = obj(d.subject);
    const jurisdictions = new Set<string>();
    const add = (j: unknown) => { if (typeof j === 'string' && j) jurisdictions.add(j); };
    add(event.metadata.jurisdiction);
    add(d.jurisdiction);
    strings(d.jurisdictions).forEach(add);
    add(obj(d.policy).jurisdiction);

    const credentialId = str(d.credentialId) ?? str(subject.credentialId) ?? str(obj(d.openedBy).credentialId);
    const credential = credentialId ? await tx.get<CredentialFact>(F, `credential:${credentialId}`) : undefined;
    const achievementId = str(d.achievementId) ?? str(subject.achievementId);
    const achievement = achievementId ? await tx.get<AchievementFact>(F, `achievement:${achievementId}`) : undefined;
    const providerId = str(d.providerId) ?? str(subject.providerId) ?? credential?.providerId ?? achievement?.providerId;
    const qaBodyId = str(d.qaBodyId);
    if (providerId) add((await tx.get<ProviderFact>(F, `provider:${providerId}`))?.jurisdiction);
    if (qaBodyId) (await tx.get<QaBodyFact>(F, `qabody:${qaBodyId}`))?.jurisdictions.forEach(add);

    const learners = new Set<string>([...[str(d.learnerId), str(d.into), str(d.newLearnerId)].filter((l): l is string => !!l), ...strings(d.learnerIds), ...strings(subject.learnerIds)]);
    if (credential?.learnerId) learners.add(await this.current(tx, credential.learnerId));
    if (jurisdictions.size === 0) {
      for (const learnerId of learners) (await tx.get<LearnerFact>(F, `learner:${learnerId}`))?.jurisdictions.forEach(add);
    }

    // A credential not yet linked to a learner: its rows get the learner when the link comes.
    if (credentialId && !credential?.learnerId && event.streamId.startsWith('credential-')) {
      const fact = credential ?? { ...(providerId ? { providerId } : {}) };
      if ((fact.pending?.length ?? 0) < PENDING_CAP) await tx.put<CredentialFact>(F, `credential:${credentialId}`, { ...fact, pending: [...(fact.pending ?? []), event.position] });
    }

    return {
      position: event.position, leafIndex: count, streamId: event.streamId, revision: event.revision, type: event.type, recordedAt: event.metadata.recordedAt,
      jurisdictions: [...jurisdictions].sort(), learnerIds: [...learners].sort(),
      ...(providerId ? { providerId } : {}), ...(qaBodyId ? { qaBodyId } : {}), ...(credentialId ? { credentialId } : {}),
    };
  }

  /** The learner a merged-away learner now answers as. */
  private async current(tx: ReadTx, learnerId: string): Promise<string> {
    let id = learnerId;
    for (let hops = 0; hops < 16; hops++) {
      const next = (await tx.get<LearnerFact>(AuditCollections.facts, `learner:${id}`))?.mergedInto;
      if (!next) return id;
      id = next;
    }
    return id;
  }

  private async addLearnerJurisdictions(tx: ReadTx, learnerId: string, more: string[]): Promise<void> {
    const fact = (await tx.get<LearnerFact>(AuditCollections.facts, `learner:${learnerId}`)) ?? { jurisdictions: [] };
    const all = [...new Set([...fact.jurisdictions, ...more])].sort();
    if (all.length !== fact.jurisdictions.length) await tx.put<LearnerFact>(AuditCollections.facts, `learner:${learnerId}`, { ...fact, jurisdictions: all });
  }
}
