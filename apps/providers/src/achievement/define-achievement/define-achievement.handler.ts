import { isDeepStrictEqual } from 'node:util';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AchievementDefined, buildMetadata, internalEventId, RequestContext, Streams } from '@app/contracts';
import { EVENT_STORE, EventStore, foldStream } from '@app/event-store';
import { evolveProvider, initialProviderState } from '../../provider/provider.state';
import { decideAchievement } from '../achievement.decider';
import { evolveAchievement, initialAchievementState } from '../achievement.state';

export class DefineAchievementCommand {
  constructor(readonly achievement: AchievementDefined, readonly ctx: RequestContext) {}
}

export interface DefineAchievementResult {
  achievementId: string;
  position: number;
  created: boolean;
}

@CommandHandler(DefineAchievementCommand)
export class DefineAchievementHandler implements ICommandHandler<DefineAchievementCommand, DefineAchievementResult> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ achievement, ctx }: DefineAchievementCommand): Promise<DefineAchievementResult> {
    const streamId = Streams.achievement(achievement.achievementId);
    const [provider, current] = await Promise.all([
      foldStream(this.events, Streams.provider(achievement.providerId), evolveProvider, initialProviderState),
      foldStream(this.events, streamId, evolveAchievement, initialAchievementState),
    ]);
    // A retry with the same id and content is answered like the first call.
    if (current.state.defined && isDeepStrictEqual(JSON.parse(JSON.stringify(current.state.defined)), JSON.parse(JSON.stringify(achievement)))) {
      const [first] = await this.events.readStream(streamId, { maxCount: 1 });
      return { achievementId: achievement.achievementId, position: first.position, created: false };
    }
    const decided = decideAchievement(current.state, { type: 'DefineAchievement', provider: provider.state, achievement });
    const result = await this.events.append({
      streamId,
      expectedRevision: current.revision === -1 ? 'no-stream' : current.revision,
      events: decided.map((e) => ({
        ...e,
        metadata: buildMetadata(ctx, { eventId: internalEventId('achievement', achievement.achievementId), jurisdiction: provider.state.registered?.jurisdiction }),
      })),
    });
    return { achievementId: achievement.achievementId, position: result.positions[0], created: true };
  }
}
