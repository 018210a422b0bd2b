import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { anyJurisdictionCovers, EventTypes, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { READ_STORE, ReadStore } from '@app/read-store';
import { Collections, ProviderView } from '../credentials/credential-view';
import { currentLearner, learnerGroup, LearnerNotFoundError } from '../consents/learner-access';
import { LearnerView } from '../learners/learner-view';
import { decodeCursor, encodeCursor } from './access-log.cursor';
import { AccessLogEntryWire, AccessLogResponse } from './access-log.responses';

export class GetAccessLogQuery extends Query<AccessLogResponse> {
  constructor(readonly learnerId: string, readonly after: string | undefined, readonly limit: number, readonly principal: Principal) {
    super();
  }
}

/**
 * Who read a learner's data: the entries of the learner that answers for `learnerId` and of
 * every learner merged into it, oldest first, paged by log position. The learner's own key and
 * admins read it; a regulator reads it for a learner whose record it may see (a credential issued
 * in its jurisdictions); anyone else gets the 404 of an unknown learner.
 */
@QueryHandler(GetAccessLogQuery)
export class GetAccessLogHandler implements IQueryHandler<GetAccessLogQuery> {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ learnerId, after, limit, principal }: GetAccessLogQuery): Promise<AccessLogResponse> {
    const from = decodeCursor(after);
    const learner = await currentLearner(this.reads, learnerId);
    if (!learner) throw new LearnerNotFoundError();
    const group = await learnerGroup(this.reads, learner);
    if (!(await this.maySee(principal, learner, group.credentials.map((c) => c.providerId)))) throw new LearnerNotFoundError();
    const streams = await this.events.readStreams(group.learners.map((l) => Streams.access(l.learnerId)));
    const entries: AccessLogEntryWire[] = [];
    for (const e of [...streams.values()].flat().sort((a, b) => a.position - b.position)) {
      if (e.position <= from || e.type !== EventTypes.LearnerRecordAccessed) continue;
      const { read, purpose, accessedAt, askedFor, schemes } = e.data;
      entries.push({
        eventId: e.metadata.eventId, accessedAt, by: { role: e.metadata.actor.role, keyId: e.metadata.actor.id }, purpose, read,
        ...(askedFor ? { askedFor } : {}), ...(schemes ? { schemes } : {}), correlationId: e.metadata.correlationId, position: e.position,
      });
      if (entries.length > limit) break;
    }
    const page = entries.slice(0, limit);
    return { learnerId: learner.learnerId, entries: page, ...(entries.length > limit ? { next: encodeCursor(page[page.length - 1].position) } : {}) };
  }

  private async maySee(principal: Principal, learner: LearnerView, providerIds: string[]): Promise<boolean> {
    if (principal.role === 'admin') return true;
    if (principal.role === 'learner') {
      const own = principal.scope.learnerId ? await currentLearner(this.reads, principal.scope.learnerId) : undefined;
      return own?.learnerId === learner.learnerId;
    }
    if (principal.role !== 'regulator') return false;
    const providers = await Promise.all([...new Set(providerIds)].map((id) => this.reads.get<ProviderView>(Collections.providers, id)));
    return providers.some((p) => p !== undefined && anyJurisdictionCovers(principal.scope.jurisdictions ?? [], p.jurisdiction));
  }
}
