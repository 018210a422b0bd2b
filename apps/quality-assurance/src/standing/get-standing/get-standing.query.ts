import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { StandingResponse } from '@app/contracts';
import { StandingQuestion } from '../standing';

export class GetStandingQuery extends Query<StandingResponse> {
  constructor(
    readonly providerId: string,
    readonly question: StandingQuestion,
    readonly principal: Principal,
    /** When given, the answer also judges this achievement's approval on the date. */
    readonly achievementId?: string,
  ) {
    super();
  }
}
