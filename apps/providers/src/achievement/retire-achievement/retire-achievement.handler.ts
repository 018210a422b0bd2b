import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore } from '@app/event-store';
import { achievementAggregate } from '../achievement.aggregate';
import { RetireAchievementCommand } from './retire-achievement.command';

@CommandHandler(RetireAchievementCommand)
export class RetireAchievementHandler implements ICommandHandler<RetireAchievementCommand, { position: number; revision: number }> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ providerId, achievementId, reason, ctx }: RetireAchievementCommand) {
    const { position, revision } = await decideOnStream(
      this.events, Streams.achievement(achievementId), achievementAggregate, { type: 'RetireAchievement', providerId, achievementId, reason }, ctx, { eventId: randomUUID() },
    );
    return { position: position!, revision };
  }
}
