import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { evolveQaBody, initialQaBodyState } from '../../qa-body/qa-body.state';
import { actingQaBody, assertActsIn } from '../../shared/qa-scope';
import { approvalDecider } from '../approval.decider';
import { WithdrawApprovalCommand } from './withdraw-approval.command';

@CommandHandler(WithdrawApprovalCommand)
export class WithdrawApprovalHandler implements ICommandHandler<WithdrawApprovalCommand> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ achievementId, jurisdiction, request, principal, ctx }: WithdrawApprovalCommand) {
    const qaBodyId = actingQaBody(principal, request.qaBodyId);
    // Refused from the key and its own body before the approval is read: the answer cannot depend on what exists.
    const qaBody = await foldStream(this.events, Streams.qaBody(qaBodyId), evolveQaBody, initialQaBodyState);
    assertActsIn(principal, jurisdiction, qaBody.state.registered?.jurisdictions);
    const decided = await decideOnStream(
      this.events, Streams.approval(achievementId), approvalDecider,
      { type: 'WithdrawApproval', achievementId, qaBodyId, jurisdiction, reason: request.reason, effectiveFrom: request.effectiveFrom ?? ctx.now },
      ctx, { eventId: randomUUID(), jurisdiction },
    );
    return { event: decided.events[0], position: decided.position };
  }
}
