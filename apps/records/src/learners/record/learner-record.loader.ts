import { Inject, Injectable } from '@nestjs/common';
import { DISCREPANCY_KINDS, EventTypes, policyJurisdictionsFor, RecordedEvent, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { READ_STORE, ReadStore } from '@app/read-store';
import { DISCREPANCIES, DiscrepancyView } from '../../discrepancies/discrepancies.projection';
import { discrepancyIdFor, StandingCollections } from '../../standing/standing.projection';
import { StackAchievementView, StackCollections } from '../../stacks/stacks.projection';
import { LEARNER_LINKS, LearnerLinksView } from './learner-links.projection';

/** A bound on the learners one record may gather through merges and splits. */
const MAX_LEARNERS = 200;
const PAGE = 500;

/**
 * Reads from the event store every stream a learner's record is computed from: the learner
 * streams reached through merges and splits, the credentials linked on them, their providers,
 * achievements, approvals and the providers' accreditations, and the discrepancy streams about
 * them, and the stacks naming their achievements. Read models only say where to look (accreditation
 * ids, possible-same-learner candidates, learners named by others' merges, stacks by achievement); the events read are whole streams, and the fold keeps
 * those recorded by the instant asked, so the answer for a past instant never changes.
 */
@Injectable()
export class LearnerRecordLoader {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore, @Inject(READ_STORE) private readonly reads: ReadStore) {}

  async load(learnerId: string): Promise<RecordedEvent[]> {
    const { learners, events: learnerEvents } = await this.learnerStreams(learnerId);
    const credentialIds = new Set<string>();
    for (const e of learnerEvents) {
      if (e.type === EventTypes.LearnerCredentialLinked) credentialIds.add(e.data.credentialId);
      if (e.type === EventTypes.LearnerRecordsSplit) e.data.credentialIds.forEach((id) => credentialIds.add(id));
    }
    const credentialEvents = await this.streams([...credentialIds].map(Streams.credential));
    const issued = credentialEvents.filter((e): e is RecordedEvent & { type: 'CredentialIssued' } => e.type === EventTypes.CredentialIssued);
    const providerIds = [...new Set(issued.map((e) => e.data.providerId))];
    const achievementIds = [...new Set(issued.map((e) => e.data.achievementId))];
    const accreditationIds = (await Promise.all(providerIds.map((id) => this.reads.get<{ accreditations: { accreditationId: string }[] }>(StandingCollections.providers, id))))
      .flatMap((p) => p?.accreditations.map((a) => a.accreditationId) ?? []);
    const discrepancyIds = [
      ...issued.flatMap((e) => DISCREPANCY_KINDS.map((kind) => discrepancyIdFor(e.metadata.eventId, kind))),
      ...(await this.sameLearnerCandidates(learners)),
    ];
    const rest = await this.streams([
      ...providerIds.map(Streams.provider),
      ...achievementIds.flatMap((id) => [Streams.achievement(id), Streams.approval(id)]),
      ...accreditationIds.map(Streams.accreditation),
      ...[...new Set(discrepancyIds)].map(Streams.discrepancy),
      ...(await this.stacksNaming(achievementIds)).map(Streams.stack),
    ]);
    // The policies a standing may be judged against: along each provider's jurisdiction chain (IE, then EU).
    const jurisdictions = new Set(rest.flatMap((e) => (e.type === EventTypes.ProviderRegistered ? policyJurisdictionsFor(e.data.jurisdiction) : [])));
    const policies = await this.streams([...jurisdictions].map(Streams.policy));
    return [...learnerEvents, ...credentialEvents, ...rest, ...policies];
  }

  /** The learner's stream and those of every learner its merges and splits reach, either way. */
  private async learnerStreams(learnerId: string): Promise<{ learners: Set<string>; events: RecordedEvent[] }> {
    const learners = new Set([learnerId]);
    const events: RecordedEvent[] = [];
    for (let todo = [learnerId]; todo.length > 0 && learners.size <= MAX_LEARNERS;) {
      const named = new Set<string>();
      const streams = await this.events.readStreams(todo.map(Streams.learner));
      for (const stream of streams.values()) {
        for (const e of stream) {
          events.push(e);
          if (e.type === EventTypes.LearnerRecordsMerged) e.data.learnerIds.forEach((id) => named.add(id));
          if (e.type === EventTypes.LearnerRecordsSplit) named.add(e.data.newLearnerId);
        }
      }
      const links = await Promise.all(todo.map((id) => this.reads.get<LearnerLinksView>(LEARNER_LINKS, id)));
      links.forEach((l) => l?.namedBy.forEach((id) => named.add(id)));
      todo = [...named].filter((id) => !learners.has(id));
      todo.forEach((id) => learners.add(id));
    }
    return { learners, events };
  }

  /** possible-same-learner discrepancies naming any of the learners (their subject names no credential of the record). */
  private async sameLearnerCandidates(learners: Set<string>): Promise<string[]> {
    const ids: string[] = [];
    for (let page = await this.reads.find<DiscrepancyView>(DISCREPANCIES, { kind: 'possible-same-learner' }, { limit: PAGE }); page.length > 0;) {
      ids.push(...page.filter((d) => (d.subject.learnerIds ?? []).some((id) => learners.has(id))).map((d) => d.discrepancyId));
      if (page.length < PAGE) break;
      page = await this.reads.find<DiscrepancyView>(DISCREPANCIES, { kind: 'possible-same-learner' }, { limit: PAGE, afterId: page[page.length - 1].discrepancyId });
    }
    return ids;
  }

  /** The stacks naming any of the achievements (a stack defined after asOf is left out by the fold). */
  private async stacksNaming(achievementIds: string[]): Promise<string[]> {
    const ids = new Set<string>();
    for (const achievementId of achievementIds) {
      for (let page = await this.reads.find<StackAchievementView>(StackCollections.byAchievement, { achievementId }, { limit: PAGE }); page.length > 0;) {
        page.forEach((link) => ids.add(link.stackId));
        if (page.length < PAGE) break;
        page = await this.reads.find<StackAchievementView>(StackCollections.byAchievement, { achievementId }, { limit: PAGE, afterId: `${achievementId}:${page[page.length - 1].stackId}` });
      }
    }
    return [...ids];
  }

  private async streams(streamIds: string[]): Promise<RecordedEvent[]> {
    if (streamIds.length === 0) return [];
    return [...(await this.events.readStreams(streamIds)).values()].flat();
  }
}
