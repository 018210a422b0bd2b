import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Streams } from '@app/contracts';
import { EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { evolveQaBody, initialQaBodyState } from '../../qa-body/qa-body.state';
import { reaches } from '../../shared/qa-scope';
import { evolveApproval, initialApprovalState } from '../approval.state';
import { ListApprovalsQuery } from './list-approvals.query';

/** An achievement's approval decisions, only in the jurisdictions the caller reaches. */
@QueryHandler(ListApprovalsQuery)
export class ListApprovalsHandler implements IQueryHandler<ListApprovalsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ achievementId, principal }: ListApprovalsQuery) {
    const [{ state }, body] = await Promise.all([
      foldStream(this.events, Streams.approval(achievementId), evolveApproval, initialApprovalState),
      principal.role === 'qa-body' && principal.scope.qaBodyId ? foldStream(this.events, Streams.qaBody(principal.scope.qaBodyId), evolveQaBody, initialQaBodyState) : undefined,
    ]);
    const visible = Object.entries(state.byJurisdiction).filter(([j]) => reaches(principal, j, body?.state.registered?.jurisdictions));
    return { achievementId, approvals: visible.map(([jurisdiction, a]) => ({ jurisdiction, ...a })) };
  }
}
