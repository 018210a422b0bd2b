import { EventTypes, internalEventId, RecordedEvent } from '@app/contracts';
import { EventStore } from '@app/event-store';
import { Projection } from '@app/read-store';
import { IdentityResolver } from './identity-resolver';

/**
 * The identity-resolution process manager, run as a projection so it shares the runner's
 * checkpoint, parking and health: for each CredentialIssued it writes the learner events to
 * the log (it keeps no documents of its own). Its writes are idempotent by event id, so a
 * batch replayed after a crash, before its checkpoint committed, writes nothing twice.
 */
export class LearnerIdentityProcess implements Projection {
  readonly name = 'records.learner-identity';
  readonly collections: string[] = [];
  private readonly resolver: IdentityResolver;

  constructor(events: EventStore) {
    this.resolver = new IdentityResolver(events);
  }

  async apply(_tx: unknown, event: RecordedEvent): Promise<void> {
    if (event.type !== EventTypes.CredentialIssued) return;
    const now = new Date().toISOString();
    await this.resolver.resolveIssued(event, {
      actor: { role: 'system', id: 'learner-identity' }, channel: 'internal', correlationId: event.metadata.correlationId ?? internalEventId('learner-identity', event.metadata.eventId), now,
    });
  }
}
