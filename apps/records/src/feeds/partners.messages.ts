import { Command, Query } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { PartnerResponse, RegisterPartnerRequest, RequestContext } from '@app/contracts';

export interface RegisterPartnerResult {
  partnerId: string;
  position: number;
  /** False when the same registration was already there (a retry). */
  created: boolean;
}

export class RegisterPartnerCommand extends Command<RegisterPartnerResult> {
  constructor(readonly request: RegisterPartnerRequest, readonly ctx: RequestContext) {
    super();
  }
}

export class GetPartnerQuery extends Query<PartnerResponse> {
  constructor(readonly partnerId: string, readonly principal: Principal) {
    super();
  }
}
