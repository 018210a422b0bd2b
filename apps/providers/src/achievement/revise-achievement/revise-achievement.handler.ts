import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventTypes, SpecWarning, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore } from '@app/event-store';
import { achievementAggregate } from '../achievement.aggregate';
import { ReviseAchievementCommand } from './revise-achievement.command';

@CommandHandler(ReviseAchievementCommand)
export class ReviseAchievementHandler implements ICommandHandler<ReviseAchievementCommand, { position: number; revision: number; achievementRevision: number; warnings?: SpecWarning[] }> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ providerId, achievementId, spec, reason, ctx }: ReviseAchievementCommand) {
    const { position, revision, events } = await decideOnStream(
      this.events, Streams.achievement(achievementId), achievementAggregate, { type: 'ReviseAchievement', providerId, achievementId, spec, reason }, ctx, { eventId: randomUUID() },
    );
    // The stream holds the definition, then only revisions until a retirement (after which nothing is written):
    // its 0-based revision after a revision is the achievement's revision minus one.
    // The warnings recorded on the revision, so the provider hears them in the answer.
    const warnings = events[0]?.type === EventTypes.AchievementRevised ? events[0].data.warnings : undefined;
    return { position: position!, revision, achievementRevision: revision + 1, ...(warnings?.length ? { warnings } : {}) };
  }
}
