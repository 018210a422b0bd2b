import { Command } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { CreditsRef, LevelRef, RequestContext } from '@app/contracts';
import { ApprovalEvent } from '../approval.decider';

export class DecideApprovalCommand extends Command<{ event: ApprovalEvent; position?: number }> {
  constructor(
    readonly achievementId: string,
    readonly request: { jurisdiction: string; level?: LevelRef; credits?: CreditsRef; qaBodyId?: string },
    readonly principal: Principal,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
