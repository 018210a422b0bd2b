import { EventTypes, internalEventId, RecordedEvent } from '@app/contracts';
import { applyThroughCache, Projection, ReadTx } from '@app/read-store';
import { PendingDiscrepancy, PendingSupersession } from '../standing/standing.projection';

/** What duplicate detection needs of a credential: references and its issue date, nothing personal. */
interface CredentialFacts {
  credentialId: string;
  providerId: string;
  achievementId: string;
  jurisdiction: string;
  /** The calendar date of issuedAt in UTC (YYYY-MM-DD). */
  issuedOn: string;
  /** The learner identity resolution linked it to (before any merge). */
  linkedTo?: string;
  /** Revoked credentials are not duplicates (a revoke-and-reissue is a correction). */
  revoked?: boolean;
  /** The duplicate-credential discrepancy naming it as the newcomer, so that its revocation supersedes it. */
  duplicates?: string[];
  /**
   * How many discrepancies name it as the first of its award (each kept as its own small
   * document `{credentialId}|{n}`, n = 1..links): the first of 30,000 copies must not carry a list.
   */
  links?: number;
}

/**
 * A learner record as duplicate detection folds it: the awards it holds (provider, achievement,
 * UTC date), or the record it was merged into. Never the list of its credentials: a learner with
 * thousands of them must cost the same per event as one with two.
 */
interface LearnerFacts {
  learnerId: string;
  awards: string[];
  mergedInto?: string;
  /**
   * Per award the record held: its first live credential and how many it held. Kept in the learner's
   * own document (one write per link, not two), and kept when the record is merged away, as a split
   * that undoes the merge finds them.
   */
  groups?: Record<string, AwardGroup>;
}

/** One award in one learner record: the live credential a newcomer for the same award is a duplicate of. */
interface AwardGroup {
  first?: string;
  count: number;
}

const awardKey = (c: Pick<CredentialFacts, 'providerId' | 'achievementId' | 'issuedOn'>) => `${c.providerId}|${c.achievementId}|${c.issuedOn}`;

export const DuplicateCollections = {
  credentials: 'records-duplicate-credentials',
  learners: 'records-duplicate-learners',
  links: 'records-duplicate-first-links',
  providers: 'records-duplicate-providers',
  pending: 'records-duplicate-pending-discrepancies',
  superseded: 'records-duplicate-pending-supersessions',
} as const;

/** The issue date a duplicate is judged on: the UTC calendar date, the same wherever the reader sits. */
export function issueDate(issuedAt: string): string {
  return new Date(issuedAt).toISOString().slice(0, 10);
}

/** Two credentials are duplicates when they are for the same achievement of the same provider, issued on the same UTC date. */
export function sameAward(a: Pick<CredentialFacts, 'providerId' | 'achievementId' | 'issuedOn'>, b: Pick<CredentialFacts, 'providerId' | 'achievementId' | 'issuedOn'>): boolean {
  return a.providerId === b.providerId && a.achievementId === b.achievementId && a.issuedOn === b.issuedOn;
}

/** One id per pair of credentials, whichever came first, so replays and later merges raise it once. */
export function duplicateDiscrepancyId(credentialIds: [string, string]): string {
  return internalEventId('discrepancy:duplicate-credential', [...credentialIds].sort().join('|'));
}

/**
 * Finds `duplicate-credential`s: one learner holding two credentials (different refs, so different
 * credential ids) for the same achievement of the same provider issued on the same UTC date. A
 * learner's credentials are those identity resolution linked to it (LearnerCredentialLinked) plus,
 * after a merge, those of every record merged into it, so a duplicate that only a merge reveals is
 * found at the merge. A split moves the credentials back; a duplicate raised before stays for people
 * to resolve. A revoked credential is no duplicate (revoke and reissue is how a provider corrects
 * one), and revoking either credential of a raised duplicate supersedes it. The discrepancy is
 * queued here and raised (or superseded) by RaiseDiscrepanciesProcess.
 */
export class DuplicateCredentialsProjection implements Projection {
  readonly name = 'records.duplicate-credentials';
  readonly collections = Object.values(DuplicateCollections);

  async apply(tx: ReadTx, event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case EventTypes.ProviderRegistered:
        return tx.put(DuplicateCollections.providers, event.data.providerId, { jurisdiction: event.data.jurisdiction });
      case EventTypes.CredentialIssued: {
        const c = event.data;
        if (await tx.get(DuplicateCollections.credentials, c.credentialId)) return;
        const provider = await tx.get<{ jurisdiction: string }>(DuplicateCollections.providers, c.providerId);
        return tx.put<CredentialFacts>(DuplicateCollections.credentials, c.credentialId, {
          credentialId: c.credentialId, providerId: c.providerId, achievementId: c.achievementId, jurisdiction: provider?.jurisdiction ?? '', issuedOn: issueDate(c.issuedAt),
        });
      }
      case EventTypes.CredentialRevoked: {
        const facts = await tx.get<CredentialFacts>(DuplicateCollections.credentials, event.data.credentialId);
        if (!facts || facts.revoked) return;
        await tx.put<CredentialFacts>(DuplicateCollections.credentials, facts.credentialId, { ...facts, revoked: true });
        const asFirst: string[] = [];
        for (let n = 1; n <= (facts.links ?? 0); n++) {
          const link = await tx.get<{ discrepancyId: string }>(DuplicateCollections.links, `${facts.credentialId}|${n}`);
          if (link) asFirst.push(link.discrepancyId);
        }
        for (const discrepancyId of [...(facts.duplicates ?? []), ...asFirst]) {
          await tx.put<PendingSupersession>(DuplicateCollections.superseded, discrepancyId, {
            discrepancyId, position: event.position,
            reason: `${event.type} (event ${event.metadata.eventId}, log position ${event.position}) revoked credential ${facts.credentialId}: the duplicate no longer holds`,
          });
        }
        return;
      }
      case EventTypes.LearnerCredentialLinked: {
        const facts = await tx.get<CredentialFacts>(DuplicateCollections.credentials, event.data.credentialId);
        if (!facts || facts.linkedTo) return;
        await tx.put<CredentialFacts>(DuplicateCollections.credentials, facts.credentialId, { ...facts, linkedTo: event.data.learnerId });
        const root = await this.root(tx, event.data.learnerId);
        return this.join(tx, root, [facts.credentialId], event, 'when identity resolution linked the credential');
      }
      case EventTypes.LearnerRecordsMerged: {
        const { learnerIds, into } = event.data;
        let target = await this.root(tx, into);
        for (const id of learnerIds.filter((l) => l !== into)) {
          const merged = await this.root(tx, id);
          if (merged.learnerId === target.learnerId) continue;
          await tx.put<LearnerFacts>(DuplicateCollections.learners, merged.learnerId, { learnerId: merged.learnerId, awards: [], mergedInto: target.learnerId, ...(merged.groups ? { groups: merged.groups } : {}) });
          // Each award the merged record held joins with its first live credential: later ones were already raised against it.
          const firsts: string[] = [];
          for (const award of merged.awards) {
            const first = merged.groups?.[award]?.first;
            if (first) firsts.push(first);
          }
          await this.join(tx, target, firsts, event, `when learner records were merged (${event.type}, event ${event.metadata.eventId})`);
          target = await this.root(tx, into);
        }
        return;
      }
      case EventTypes.LearnerRecordsSplit: {
        // The credentials move; a duplicate raised before stays for people to resolve, and none is raised by the move.
        const { learnerId, credentialIds, newLearnerId } = event.data;
        const from = await this.root(tx, learnerId);
        const { mergedInto: _undone, ...to } = (await tx.get<LearnerFacts>(DuplicateCollections.learners, newLearnerId)) ?? { learnerId: newLearnerId, awards: [] };
        const awards = [...to.awards];
        const fromGroups = { ...from.groups };
        // Splitting a record from itself: one set of groups, as the source and the target are one document.
        const toGroups = from.learnerId === newLearnerId ? fromGroups : { ...to.groups };
        let fromChanged = false;
        for (const credentialId of credentialIds) {
          const facts = await tx.get<CredentialFacts>(DuplicateCollections.credentials, credentialId);
          if (!facts) continue;
          const award = awardKey(facts);
          const source = fromGroups[award];
          if (source?.first === credentialId) {
            fromGroups[award] = { count: source.count };
            fromChanged = true;
          }
          const target = toGroups[award] ?? { count: 0 };
          const first = target.first ?? (facts.revoked ? undefined : credentialId);
          toGroups[award] = { ...(first ? { first } : {}), count: target.count + 1 };
          if (!awards.includes(award)) awards.push(award);
        }
        if (fromChanged && from.learnerId !== newLearnerId) await tx.put<LearnerFacts>(DuplicateCollections.learners, from.learnerId, { ...from, groups: fromGroups });
        return tx.put<LearnerFacts>(DuplicateCollections.learners, newLearnerId, { ...to, awards, groups: toGroups });
      }
    }
  }

  /** Providers, credentials, learners and award groups: read and written once per batch. */
  applyBatch(tx: ReadTx, events: RecordedEvent[]): Promise<void> {
    return applyThroughCache(tx, events, (t, e) => this.apply(t, e));
  }

  /**
   * Adds credentials to a learner record: each is a duplicate of the first live credential the record
   * holds for the same award, if any (one discrepancy per newcomer, not per pair: n copies give n - 1).
   */
  private async join(tx: ReadTx, learner: LearnerFacts, credentialIds: string[], event: RecordedEvent, found: string): Promise<void> {
    const awards = [...learner.awards];
    const groups = { ...learner.groups };
    for (const credentialId of credentialIds) {
      const incoming = await tx.get<CredentialFacts>(DuplicateCollections.credentials, credentialId);
      if (!incoming) continue;
      const award = awardKey(incoming);
      const group = groups[award] ?? { count: 0 };
      let first = group.first ? await tx.get<CredentialFacts>(DuplicateCollections.credentials, group.first) : undefined;
      if (first?.revoked) first = undefined; // revoked since: the newcomer may take its place
      if (first && first.credentialId !== credentialId && !incoming.revoked) await this.queue(tx, learner.learnerId, first, incoming, event, found);
      const keep = first?.credentialId ?? (incoming.revoked ? undefined : credentialId);
      groups[award] = { ...(keep ? { first: keep } : {}), count: group.count + 1 };
      if (!awards.includes(award)) awards.push(award);
    }
    await tx.put<LearnerFacts>(DuplicateCollections.learners, learner.learnerId, { ...learner, awards, groups });
  }

  /** Queues the discrepancy and records it on both credentials; answers the second as now stored. */
  private async queue(tx: ReadTx, learnerId: string, first: CredentialFacts, second: CredentialFacts, event: RecordedEvent, found: string): Promise<CredentialFacts> {
    const discrepancyId = duplicateDiscrepancyId([first.credentialId, second.credentialId]);
    const updated: CredentialFacts = { ...second, duplicates: [...new Set([...(second.duplicates ?? []), discrepancyId])] };
    const links = (first.links ?? 0) + 1;
    await tx.put(DuplicateCollections.links, `${first.credentialId}|${links}`, { discrepancyId });
    await tx.put<CredentialFacts>(DuplicateCollections.credentials, first.credentialId, { ...first, links });
    await tx.put<CredentialFacts>(DuplicateCollections.credentials, second.credentialId, updated);
    const learnerIds = [...new Set([learnerId, first.linkedTo, second.linkedTo].filter((l): l is string => !!l))];
    await tx.put<PendingDiscrepancy>(DuplicateCollections.pending, discrepancyId, {
      discrepancyId, kind: 'duplicate-credential', credentialId: second.credentialId, providerId: second.providerId, achievementId: second.achievementId,
      jurisdiction: second.jurisdiction, position: event.position,
      details: [`the learner record holds two credentials for the same achievement of the same provider issued on ${second.issuedOn} (UTC date) under different references; found ${found}`],
      subject: { credentialId: second.credentialId, credentialIds: [first.credentialId, second.credentialId], providerId: second.providerId, achievementId: second.achievementId, learnerIds },
    });
    return updated;
  }

  /** The record a learner answers as now (following merges). */
  private async root(tx: ReadTx, learnerId: string): Promise<LearnerFacts> {
    let facts = (await tx.get<LearnerFacts>(DuplicateCollections.learners, learnerId)) ?? { learnerId, awards: [] };
    for (let hops = 0; facts.mergedInto && hops < 100; hops++) facts = (await tx.get<LearnerFacts>(DuplicateCollections.learners, facts.mergedInto)) ?? { learnerId: facts.mergedInto, awards: [] };
    return facts;
  }
}
