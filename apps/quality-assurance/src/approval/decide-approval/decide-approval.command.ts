import { Command } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { ApprovalEvent, CreditsRef, LevelRef, RequestContext } from '@app/contracts';

export class DecideApprovalCommand extends Command<{ event: ApprovalEvent; position?: number }> {
  constructor(
    readonly achievementId: string,
    readonly request: { jurisdiction: string; level?: LevelRef; credits?: CreditsRef; qaBodyId?: string; revision?: number },
    readonly principal: Principal,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
