import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { internalEventId, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore } from '@app/event-store';
import { providerAggregate } from '../provider.aggregate';
import { RegisterProviderCommand } from './register-provider.command';

@CommandHandler(RegisterProviderCommand)
export class RegisterProviderHandler implements ICommandHandler<RegisterProviderCommand, { position: number }> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ provider, ctx }: RegisterProviderCommand) {
    const { position } = await decideOnStream(this.events, Streams.provider(provider.providerId), providerAggregate, { type: 'RegisterProvider', ...provider }, ctx, {
      eventId: internalEventId('provider', provider.providerId),
      jurisdiction: provider.jurisdiction,
    });
    return { position: position! };
  }
}
