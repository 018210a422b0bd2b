import { Command } from '@nestjs/cqrs';
import { Ed25519Jwk, RequestContext } from '@app/contracts';

export class AddSigningKeyCommand extends Command<{ position: number; revision: number }> {
  constructor(
    readonly providerId: string,
    readonly keyId: string,
    readonly publicKeyJwk: Ed25519Jwk,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}
