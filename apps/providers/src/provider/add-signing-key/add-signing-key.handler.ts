import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { internalEventId, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore } from '@app/event-store';
import { providerAggregate, providerEventMeta } from '../provider.aggregate';
import { AddSigningKeyCommand } from './add-signing-key.command';

@CommandHandler(AddSigningKeyCommand)
export class AddSigningKeyHandler implements ICommandHandler<AddSigningKeyCommand, { position: number; revision: number }> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ providerId, keyId, publicKeyJwk, ctx }: AddSigningKeyCommand) {
    const { position, revision } = await decideOnStream(this.events, Streams.provider(providerId), providerAggregate, { type: 'AddSigningKey', providerId, keyId, publicKeyJwk }, ctx, providerEventMeta(internalEventId('signing-key', `${providerId}/${keyId}`)));
    return { position: position!, revision };
  }
}
