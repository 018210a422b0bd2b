import { Command } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { ApprovalEvent, CreditsRef, LevelRef, QfEheaCycle, RequestContext } from '@app/contracts';

export class DecideApprovalCommand extends Command<{ event: ApprovalEvent; position?: number }> {
  constructor(
    readonly achievementId: string,
    readonly request: { jurisdiction: string; level?: LevelRef; credits?: CreditsRef; qaBodyId?: string; revision?: number; cycle?: QfEheaCycle },
    readonly principal: Principal,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
