import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, internalEventId, Streams } from '@app/contracts';
import { decideOnStream, EVENT_STORE, EventStore } from '@app/event-store';
import { shippedJurisdictions, shippedPolicy } from '../engine';
import { policyDecider } from '../policy.decider';
import { PublishPolicyCommand } from './publish-policy.command';

/** Publishes the policy file shipped with this build; idempotent by version. */
@CommandHandler(PublishPolicyCommand)
export class PublishPolicyHandler implements ICommandHandler<PublishPolicyCommand> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ jurisdiction, ctx }: PublishPolicyCommand) {
    const policy = shippedPolicy(jurisdiction);
    if (!policy) throw new DomainError('POLICY.NO_FILE', `no policy file ships for ${jurisdiction}; shipped: ${shippedJurisdictions().join(', ')}`);
    const decided = await decideOnStream(this.events, Streams.policy(jurisdiction), policyDecider, { type: 'PublishPolicy', policy }, ctx, {
      eventId: internalEventId('policy', `${jurisdiction}/${policy.version}`),
      jurisdiction,
    });
    return { version: policy.version, published: decided.events.length > 0, position: decided.position };
  }
}
