import { Command } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { RequestContext } from '@app/contracts';
import { AccreditProviderRequest } from '../accreditation.requests';

export interface AccreditProviderResult {
  accreditation: { accreditationId: string; qaBodyId: string; providerId: string };
  created: boolean;
  position?: number;
}

export class AccreditProviderCommand extends Command<AccreditProviderResult> {
  constructor(
    readonly request: AccreditProviderRequest,
    readonly principal: Principal,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
