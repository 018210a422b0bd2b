import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore } from '@app/event-store';
import { providerAggregate, providerEventMeta } from '../provider.aggregate';
import { SetSigningPolicyCommand } from './set-signing-policy.command';

@CommandHandler(SetSigningPolicyCommand)
export class SetSigningPolicyHandler implements ICommandHandler<SetSigningPolicyCommand, { position: number; revision: number }> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ providerId, requireSignedBatches, ctx }: SetSigningPolicyCommand) {
    const { position, revision } = await decideOnStream(this.events, Streams.provider(providerId), providerAggregate, { type: 'SetSigningPolicy', providerId, requireSignedBatches }, ctx, providerEventMeta(randomUUID()));
    return { position: position!, revision };
  }
}
