import { Command } from '@nestjs/cqrs';
import { AchievementDefined, RequestContext, SpecWarning } from '@app/contracts';

export interface DefineAchievementResult {
  achievementId: string;
  position: number;
  created: boolean;
  warnings?: SpecWarning[];
}

export class DefineAchievementCommand extends Command<DefineAchievementResult> {
  constructor(readonly achievement: AchievementDefined, readonly ctx: RequestContext) {
    super();
  }
}
