import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, policyJurisdictionsFor, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { ConflictError, RequestValidationError } from '@app/platform';
import { evolveAchievement, initialAchievementState } from '../../upstream/achievement-view';
import { evolvePolicy, initialPolicyState } from '../../policy/policy.state';
import { evolveQaBody, initialQaBodyState } from '../../qa-body/qa-body.state';
import { actingQaBody, assertActsIn } from '../../shared/qa-scope';
import { approvalDecider, REVISION_NOT_CURRENT } from '../approval.decider';
import { DecideApprovalCommand } from './decide-approval.command';

@CommandHandler(DecideApprovalCommand)
export class DecideApprovalHandler implements ICommandHandler<DecideApprovalCommand> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ achievementId, request, principal, ctx }: DecideApprovalCommand) {
    const qaBodyId = actingQaBody(principal, request.qaBodyId);
    // Scope first, from the key and its own body alone: nothing about the achievement is read for a caller outside it.
    const qaBody = await foldStream(this.events, Streams.qaBody(qaBodyId), evolveQaBody, initialQaBodyState);
    assertActsIn(principal, request.jurisdiction, qaBody.state.registered?.jurisdictions);
    if (!qaBody.state.registered) throw new RequestValidationError([{ field: 'qaBodyId', message: 'no QA body is registered with this id' }]);
    const [policy, achievement] = await Promise.all([
      this.policyFor(request.jurisdiction),
      foldStream(this.events, Streams.achievement(achievementId), evolveAchievement, initialAchievementState),
    ]);
    const decided = await decideOnStream(
      this.events, Streams.approval(achievementId), approvalDecider,
      {
        type: 'DecideApproval', achievementId, qaBodyId, jurisdiction: request.jurisdiction, achievement: achievement.state,
        policy, level: request.level, credits: request.credits, revision: request.revision, cycle: request.cycle,
      },
      ctx, { eventId: randomUUID(), jurisdiction: request.jurisdiction },
    ).catch(asConflict);
    return { event: decided.events[0], position: decided.position };
  }

  /** The policy the decision is taken under: the jurisdiction's own, else its country's, else its group's (IE under EU). */
  private async policyFor(jurisdiction: string) {
    for (const candidate of policyJurisdictionsFor(jurisdiction)) {
      const { state } = await foldStream(this.events, Streams.policy(candidate), evolvePolicy, initialPolicyState);
      if (state.current) return state.current;
    }
    return undefined;
  }
}

/** A stale revision is a conflict with what is stored, answered 409 naming the `revision` field. */
function asConflict(error: unknown): never {
  if (error instanceof DomainError && error.code === REVISION_NOT_CURRENT) {
    throw new ConflictError(error.code, error.message, { errors: [{ field: 'revision', message: error.message }], ...error.details });
  }
  throw error;
}
