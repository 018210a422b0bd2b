import { EventOf, EventTypes, internalEventId, RecordedEvent, RequestContext } from '@app/contracts';
import { EventStore } from '@app/event-store';
import { Projection } from '@app/read-store';
import { closingEventIds, IdentityResolver } from './identity-resolver';

type Issued = RecordedEvent<EventOf<'CredentialIssued'>>;

/**
 * The identity-resolution process manager, run as a projection so it shares the runner's
 * checkpoint, parking and health: for each CredentialIssued it writes the learner events to
 * the log (it keeps no documents of its own). Its writes are idempotent by event id, so a
 * batch replayed after a crash, before its checkpoint committed, writes nothing twice.
 *
 * A runner batch is resolved at once (applyBatch: one read, one durable write, the same
 * result as event by event); `apply` resolves one credential, the path the runner takes
 * to park an event that fails.
 *
 * A credential whose resolution already closed in the log (its LearnerCredentialLinked or
 * LearnerIdentityConflict, written after every other event of it, is in the same batch: a
 * rebuild, or a replay after a crash between the append and the checkpoint) is not resolved
 * again: that would read its claim streams and append only events that exist. Nor is one
 * whose closing event the log already holds further on (a rebuild of a log where a bulk load
 * was resolved after it): the event store's index of event ids says so in one query, where
 * the engine has one (knownEventIds). The rest are resolved as before, idempotently.
 */
export class LearnerIdentityProcess implements Projection {
  readonly name = 'records.learner-identity';
  readonly collections: string[] = [];
  private readonly resolver: IdentityResolver;

  constructor(private readonly events: EventStore) {
    this.resolver = new IdentityResolver(events);
  }

  async apply(_tx: unknown, event: RecordedEvent): Promise<void> {
    if (event.type !== EventTypes.CredentialIssued) return;
    await this.resolver.resolveIssued(event, contextOf(event, new Date().toISOString()));
  }

  async applyBatch(_tx: unknown, events: RecordedEvent[]): Promise<void> {
    const closed = closedInBatch(events);
    const issued = await this.openOnly(events.filter((e): e is Issued => e.type === EventTypes.CredentialIssued && !isClosed(e.metadata.eventId, closed)));
    if (issued.length === 0) return;
    const now = new Date().toISOString();
    await this.resolver.resolveBatch(issued, (e) => contextOf(e, now));
  }

  /** Those of `issued` whose resolution has not closed anywhere in the log yet (all of them where the engine cannot tell). */
  private async openOnly(issued: Issued[]): Promise<Issued[]> {
    if (issued.length === 0 || !this.events.knownEventIds) return issued;
    const closing = issued.map((e) => closingEventIds(e.metadata.eventId));
    const known = await this.events.knownEventIds(closing.flat());
    if (known.size === 0) return issued;
    return issued.filter((_, i) => !closing[i].some((id) => known.has(id)));
  }
}

/** The events in `events` that can close a resolution (see closingEventIds): their ids, by the id of the event they were caused by. */
function closedInBatch(events: RecordedEvent[]): Map<string, Set<string>> {
  const closing = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.type !== EventTypes.LearnerCredentialLinked && e.type !== EventTypes.LearnerIdentityConflict) continue;
    const cause = e.metadata.causationId;
    if (cause === undefined) continue;
    const ids = closing.get(cause) ?? new Set<string>();
    ids.add(e.metadata.eventId);
    closing.set(cause, ids);
  }
  return closing;
}

/** Whether the resolution of credential event `source` closed in the batch: an event caused by it carries one of its closing ids (derived only then). */
function isClosed(source: string, closing: Map<string, Set<string>>): boolean {
  const ids = closing.get(source);
  return ids !== undefined && closingEventIds(source).some((id) => ids.has(id));
}

function contextOf(event: RecordedEvent, now: string): RequestContext {
  return { actor: { role: 'system', id: 'learner-identity' }, channel: 'internal', correlationId: event.metadata.correlationId ?? internalEventId('learner-identity', event.metadata.eventId), now };
}
