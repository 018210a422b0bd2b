import { isDeepStrictEqual } from 'node:util';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AchievementDefined, internalEventId, SpecWarning, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { evolveProvider, initialProviderState } from '../../provider/provider.state';
import { achievementAggregate } from '../achievement.aggregate';
import { AchievementCommand } from '../achievement.decider';
import { AchievementState } from '../achievement.state';
import { DefineAchievementCommand, DefineAchievementResult } from './define-achievement.command';

/** A retry with the same id and content is already satisfied: it decides nothing and is answered like the first call. */
const definedOnce = {
  ...achievementAggregate,
  decide: (state: AchievementState, command: AchievementCommand) =>
    command.type === 'DefineAchievement' && state.defined && sameSpec(state.defined, command.achievement) ? [] : achievementAggregate.decide(state, command),
};

@CommandHandler(DefineAchievementCommand)
export class DefineAchievementHandler implements ICommandHandler<DefineAchievementCommand, DefineAchievementResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ achievement, ctx }: DefineAchievementCommand): Promise<DefineAchievementResult> {
    const { achievementId, providerId } = achievement;
    const provider = await foldStream(this.events, Streams.provider(providerId), evolveProvider, initialProviderState);
    const decided = await decideOnStream(this.events, Streams.achievement(achievementId), definedOnce, { type: 'DefineAchievement', provider: provider.state, achievement }, ctx, {
      eventId: internalEventId('achievement', achievementId),
      jurisdiction: provider.state.registered?.jurisdiction,
    });
    if (decided.events.length > 0) return { achievementId, position: decided.position!, created: true, ...warningsOf(decided.events[0].data) };
    const [first] = await this.events.readStream(Streams.achievement(achievementId), { maxCount: 1 });
    return { achievementId, position: first.position, created: false, ...warningsOf(first.data) };
  }
}

/** The warnings recorded on the definition, for the answer (a retry hears them again). */
function warningsOf(data: unknown): { warnings?: SpecWarning[] } {
  const warnings = (data as AchievementDefined).warnings;
  return warnings?.length ? { warnings } : {};
}

// Warnings are the ledger's reading of the specification, not part of it: a retry carries none.
function sameSpec({ warnings: _stored, ...a }: AchievementDefined, { warnings: _asked, ...b }: AchievementDefined): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}
