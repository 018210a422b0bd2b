import { Command, Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { ErasureResponse, ErasureStatusResponse, RequestContext } from '@app/contracts';

export class EraseLearnerCommand extends Command<ErasureResponse> {
  constructor(readonly learnerId: string, readonly reason: string, readonly principal: Principal, readonly ctx: RequestContext) {
    super();
  }
}

export class GetErasureQuery extends Query<ErasureStatusResponse> {
  constructor(readonly learnerId: string, readonly principal: Principal) {
    super();
  }
}
