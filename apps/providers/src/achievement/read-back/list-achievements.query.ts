import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { ProviderAchievementsResponse } from '@app/contracts';

/** A provider's achievements, paged by achievementId. */
export class ListAchievementsQuery extends Query<ProviderAchievementsResponse> {
  constructor(
    readonly providerId: string,
    readonly page: { after?: string; limit: number },
    readonly principal: Principal,
  ) {
    super();
  }
}
