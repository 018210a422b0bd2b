import { Command, Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { ConsentListResponse, ConsentPurpose, ConsentResponse, RequestContext } from '@app/contracts';

export class GrantConsentCommand extends Command<ConsentResponse> {
  constructor(
    readonly learnerId: string, readonly partnerId: string, readonly terms: { purposes?: ConsentPurpose[]; expiresAt?: string },
    readonly principal: Principal, readonly ctx: RequestContext,
  ) {
    super();
  }
}

export class WithdrawConsentCommand extends Command<ConsentResponse> {
  constructor(readonly learnerId: string, readonly partnerId: string, readonly principal: Principal, readonly ctx: RequestContext) {
    super();
  }
}

export class ListConsentsQuery extends Query<ConsentListResponse> {
  constructor(readonly learnerId: string, readonly principal: Principal) {
    super();
  }
}
