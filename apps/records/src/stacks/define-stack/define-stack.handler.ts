import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError, Principal } from '@app/auth';
import { anyJurisdictionCovers, DefineStackRequest, EventTypes, internalEventId, StackDefined, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore } from '@app/event-store';
import { canonicalJson } from '@app/ledger-crypto';
import { RequestValidationError } from '@app/platform';
import { stackDecider } from '../stack.decider';
import { DefineStackCommand, DefineStackResult } from './define-stack.command';

/**
 * Defines a stack once. Its id is the one asked for, or one derived from the definition, so
 * re-posting the same definition is a retry (200, nothing written) either way; another
 * definition under a named id is a 409. A qa-body key defines stacks only where both its key
 * and its registered body reach; every achievement named must be one its provider defined.
 */
@CommandHandler(DefineStackCommand)
export class DefineStackHandler implements ICommandHandler<DefineStackCommand, DefineStackResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ request, principal, ctx }: DefineStackCommand): Promise<DefineStackResult> {
    await this.assertReaches(principal, request.jurisdiction);
    await this.assertAchievementsExist(request);
    const stack = stackOf(request);
    const streamId = Streams.stack(stack.stackId);
    const decided = await decideOnStream(this.events, streamId, stackDecider, { type: 'DefineStack', stack }, ctx, {
      eventId: internalEventId('stack', stack.stackId),
      jurisdiction: stack.jurisdiction,
    });
    if (decided.events.length > 0) return { stackId: stack.stackId, position: decided.position!, created: true };
    const [first] = await this.events.readStream(streamId, { maxCount: 1 });
    return { stackId: stack.stackId, position: first.position, created: false };
  }

  /** Admins reach everywhere; a qa-body key where its key's jurisdictions and its body's registration both reach (as in quality assurance). */
  private async assertReaches(principal: Principal, jurisdiction: string): Promise<void> {
    if (principal.role === 'admin') return;
    const qaBodyId = principal.scope.qaBodyId;
    const registered = qaBodyId ? (await this.events.readStream(Streams.qaBody(qaBodyId))).find((e) => e.type === EventTypes.QualityAssuranceBodyRegistered) : undefined;
    const body = registered?.type === EventTypes.QualityAssuranceBodyRegistered ? registered.data.jurisdictions : undefined;
    const reaches = principal.role === 'qa-body' && body !== undefined
      && anyJurisdictionCovers(body, jurisdiction) && anyJurisdictionCovers(principal.scope.jurisdictions ?? body, jurisdiction);
    if (!reaches) throw new ForbiddenError(`jurisdiction: this key may not define stacks in ${jurisdiction}`);
  }

  private async assertAchievementsExist(request: DefineStackRequest): Promise<void> {
    const streams = await this.events.readStreams(request.achievements.map((a) => Streams.achievement(a.achievementId)));
    const errors = request.achievements.flatMap((a, i) => {
      const defined = streams.get(Streams.achievement(a.achievementId))?.find((e) => e.type === EventTypes.AchievementDefined);
      const ok = defined?.type === EventTypes.AchievementDefined && defined.data.providerId === a.providerId;
      return ok ? [] : [{ field: `achievements[${i}].achievementId`, message: `achievements[${i}].achievementId is not an achievement of provider ${a.providerId}` }];
    });
    if (errors.length > 0) throw new RequestValidationError(errors);
  }
}

/** The definition as stored: achievements in a fixed order, so the same stack posted in another order is the same stack. */
function stackOf(request: DefineStackRequest): StackDefined {
  const achievements = [...request.achievements]
    .map(({ providerId, achievementId, mandatory }) => ({ providerId, achievementId, mandatory }))
    .sort((a, b) => (a.providerId === b.providerId ? a.achievementId.localeCompare(b.achievementId) : a.providerId.localeCompare(b.providerId)));
  const terms = { title: request.title, jurisdiction: request.jurisdiction, minimumEcts: request.minimumEcts, minimumEqfLevel: request.minimumEqfLevel, achievements };
  const stackId = request.stackId ?? internalEventId('stack-id', canonicalJson(terms));
  return { stackId, ...terms };
}
