import { Command } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { RequestContext } from '@app/contracts';
import { AccreditationCommand } from '../accreditation.decider';

export type AccreditationChange = Exclude<AccreditationCommand, { type: 'AccreditProvider' }>;

/** Suspension, reinstatement or withdrawal: one use case, as all three check scope and decide alike. */
export class ChangeAccreditationCommand extends Command<{ accreditationId: string; change?: string; effectiveFrom?: string; position?: number }> {
  constructor(
    readonly change: AccreditationChange,
    readonly principal: Principal,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
