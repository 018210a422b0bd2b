import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore } from '@app/event-store';
import { achievementAggregate } from '../achievement.aggregate';
import { ReviseAchievementCommand } from './revise-achievement.command';

@CommandHandler(ReviseAchievementCommand)
export class ReviseAchievementHandler implements ICommandHandler<ReviseAchievementCommand, { position: number; revision: number; achievementRevision: number }> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ providerId, achievementId, spec, reason, ctx }: ReviseAchievementCommand) {
    const { position, revision } = await decideOnStream(
      this.events, Streams.achievement(achievementId), achievementAggregate, { type: 'ReviseAchievement', providerId, achievementId, spec, reason }, ctx, { eventId: randomUUID() },
    );
    // The stream holds the definition, then only revisions until a retirement (after which nothing is written):
    // its 0-based revision after a revision is the achievement's revision minus one.
    return { position: position!, revision, achievementRevision: revision + 1 };
  }
}
