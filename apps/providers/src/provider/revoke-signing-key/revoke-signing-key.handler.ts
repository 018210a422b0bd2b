import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { internalEventId, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore } from '@app/event-store';
import { providerAggregate, providerEventMeta } from '../provider.aggregate';
import { RevokeSigningKeyCommand } from './revoke-signing-key.command';

@CommandHandler(RevokeSigningKeyCommand)
export class RevokeSigningKeyHandler implements ICommandHandler<RevokeSigningKeyCommand, { position: number; revision: number }> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ providerId, keyId, reason, ctx }: RevokeSigningKeyCommand) {
    const { position, revision } = await decideOnStream(this.events, Streams.provider(providerId), providerAggregate, { type: 'RevokeSigningKey', providerId, keyId, reason }, ctx, providerEventMeta(internalEventId('signing-key-revoked', `${providerId}/${keyId}`)));
    return { position: position!, revision };
  }
}
