import { Command } from '@nestjs/cqrs';
import { AchievementSpec, RequestContext, SpecWarning } from '@app/contracts';

export class ReviseAchievementCommand extends Command<{ position: number; revision: number; achievementRevision: number; warnings?: SpecWarning[] }> {
  constructor(
    readonly providerId: string,
    readonly achievementId: string,
    readonly spec: AchievementSpec,
    readonly reason: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
