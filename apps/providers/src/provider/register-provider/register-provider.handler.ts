import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { internalEventId, ProviderRegistered, RequestContext } from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { decideOnProvider } from '../provider.store';

export class RegisterProviderCommand {
  constructor(readonly provider: ProviderRegistered, readonly ctx: RequestContext) {}
}

@CommandHandler(RegisterProviderCommand)
export class RegisterProviderHandler implements ICommandHandler<RegisterProviderCommand, { position: number }> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ provider, ctx }: RegisterProviderCommand) {
    const { position } = await decideOnProvider(this.events, provider.providerId, { type: 'RegisterProvider', ...provider }, ctx, internalEventId('provider', provider.providerId));
    return { position };
  }
}
