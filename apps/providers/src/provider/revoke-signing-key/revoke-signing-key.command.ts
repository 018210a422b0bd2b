import { Command } from '@nestjs/cqrs';
import { RequestContext } from '@app/contracts';

export class RevokeSigningKeyCommand extends Command<{ position: number; revision: number }> {
  constructor(
    readonly providerId: string,
    readonly keyId: string,
    readonly reason: string | undefined,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
