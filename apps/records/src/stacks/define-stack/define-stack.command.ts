import { Command } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { DefineStackRequest, RequestContext } from '@app/contracts';

export interface DefineStackResult {
  stackId: string;
  position: number;
  /** False when the same definition was already there (a retry). */
  created: boolean;
}

export class DefineStackCommand extends Command<DefineStackResult> {
  constructor(readonly request: DefineStackRequest, readonly principal: Principal, readonly ctx: RequestContext) {
    super();
  }
}
