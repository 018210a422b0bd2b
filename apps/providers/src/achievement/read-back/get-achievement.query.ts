import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { AchievementDetailResponse } from '@app/contracts';

/** One achievement with every revision and its approval state per jurisdiction; with `revision`, that revision's specification. */
export class GetAchievementQuery extends Query<AchievementDetailResponse> {
  constructor(
    readonly achievementId: string,
    readonly revision: number | undefined,
    readonly principal: Principal,
  ) {
    super();
  }
}
