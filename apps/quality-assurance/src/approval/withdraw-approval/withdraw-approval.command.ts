import { Command } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { ApprovalEvent, RequestContext } from '@app/contracts';

export class WithdrawApprovalCommand extends Command<{ event: ApprovalEvent; position?: number }> {
  constructor(
    readonly achievementId: string,
    readonly jurisdiction: string,
    readonly request: { reason: string; effectiveFrom?: string; qaBodyId?: string },
    readonly principal: Principal,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
