import { Command } from '@nestjs/cqrs';
import { ProviderRegistered, RequestContext } from '@app/contracts';

export class RegisterProviderCommand extends Command<{ position: number }> {
  constructor(readonly provider: ProviderRegistered, readonly ctx: RequestContext) {
    super();
  }
}
