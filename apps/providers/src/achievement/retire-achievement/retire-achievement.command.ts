import { Command } from '@nestjs/cqrs';
import { RequestContext } from '@app/contracts';

export class RetireAchievementCommand extends Command<{ position: number; revision: number }> {
  constructor(
    readonly providerId: string,
    readonly achievementId: string,
    readonly reason: string,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
