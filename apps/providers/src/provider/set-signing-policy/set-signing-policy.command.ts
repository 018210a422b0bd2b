import { Command } from '@nestjs/cqrs';
import { RequestContext } from '@app/contracts';

export class SetSigningPolicyCommand extends Command<{ position: number; revision: number }> {
  constructor(
    readonly providerId: string,
    readonly requireSignedBatches: boolean,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
