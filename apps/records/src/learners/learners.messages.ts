import { Command, Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { LearnerLookupResponse, LearnerMergeResponse, LearnerSplitResponse, RequestContext } from '@app/contracts';

export class LookupLearnersQuery extends Query<LearnerLookupResponse> {
  constructor(readonly identifiers: { scheme: string; value: string }[], readonly principal: Principal) {
    super();
  }
}

export class MergeLearnersCommand extends Command<LearnerMergeResponse> {
  constructor(readonly learnerIds: string[], readonly reason: string, readonly principal: Principal, readonly ctx: RequestContext) {
    super();
  }
}

export class SplitLearnerCommand extends Command<LearnerSplitResponse> {
  constructor(readonly learnerId: string, readonly credentialIds: string[], readonly reason: string, readonly principal: Principal, readonly ctx: RequestContext) {
    super();
  }
}
