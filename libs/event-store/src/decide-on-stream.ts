import { AnyEvent, buildMetadata, internalEventId, LedgerEvent, NewEvent, RecordedEvent, RequestContext, RequestValidationError } from '@app/contracts';
import { canonicalJson, leafOverflow, MAX_LEAF_BYTES } from '@app/ledger-crypto';
import { EventIdReusedError } from './event-store.errors';
import { EventStore } from './event-store.port';
import { foldStream } from './fold-stream';

/**
 * An aggregate's rules. `evolve` takes any event the store holds (U, the ledger's union: a
 * stream may hold types the aggregate leaves to its default branch); `decide` returns
 * events of the aggregate's own union E.
 */
export interface Decider<S, C, E extends U, U extends AnyEvent = LedgerEvent> {
  initial: S;
  evolve: (state: S, event: RecordedEvent<U>) => S;
  decide: (state: S, command: C) => E[];
}

/** Metadata of the decided events beyond what the request context gives; the first event takes `eventId`, the rest ids derived from it. */
export type EventMeta = Parameters<typeof buildMetadata>[1];

export interface Decided<S, E> {
  /** What was decided; empty when the command was already satisfied (an idempotent retry). */
  events: E[];
  /** The state the decision was taken on. */
  state: S;
  position?: number;
  revision: number;
}

/**
 * Load → decide → append for one stream: the whole body of a command handler. `check` runs on the loaded
 * state before deciding, for scope checks that need it (403 before any domain answer).
 */
export async function decideOnStream<S, C, E extends U, U extends AnyEvent = LedgerEvent>(
  store: EventStore<U>,
  streamId: string,
  decider: Decider<S, C, E, U>,
  command: C | ((state: S) => C),
  ctx: RequestContext,
  metaFor: EventMeta | ((state: S) => Promise<EventMeta>),
): Promise<Decided<S, E>> {
  const current = await foldStream(store, streamId, decider.evolve, decider.initial);
  const decided = decider.decide(current.state, typeof command === 'function' ? (command as (state: S) => C)(current.state) : command);
  if (decided.length === 0) return { events: [], state: current.state, revision: current.revision };
  const meta = typeof metaFor === 'function' ? await metaFor(current.state) : metaFor;
  const events = decided.map((e, i): NewEvent<U> => ({ ...e, metadata: buildMetadata(ctx, { ...meta, eventId: i === 0 ? meta.eventId : internalEventId(meta.eventId, String(i)) }) }));
  assertLeavesFit(streamId, events);
  const result = await store.append({ streamId, expectedRevision: current.revision === -1 ? 'no-stream' : current.revision, events });
  if (result.duplicate) await assertSameEvents(store, streamId, result.revisions, events);
  return { events: decided, state: current.state, position: result.positions[0], revision: result.nextRevision };
}

/**
 * The verifiable log's tile entries carry a 2-byte length: an event whose leaf input would pass
 * 65,535 bytes is refused before it is appended (400 naming the body field that weighs most).
 */
export function assertLeavesFit(streamId: string, events: readonly NewEvent<AnyEvent>[]): void {
  for (const event of events) {
    const over = leafOverflow({ streamId, type: event.type, data: event.data, metadata: event.metadata });
    if (over) {
      throw new RequestValidationError([{ field: over.field ?? 'body', message: `the event would take ${over.bytes} bytes in the verifiable log, over its ${MAX_LEAF_BYTES}-byte limit: shorten ${over.field ?? 'the request'}` }]);
    }
  }
}

/**
 * The store answered "already there": a concurrent writer appended these ids between our
 * read and our append. That is a success only if it appended what we decided; otherwise
 * the id was taken by another request, and claiming success would be a lie.
 */
async function assertSameEvents<U extends AnyEvent>(store: EventStore<U>, streamId: string, revisions: number[], events: NewEvent<U>[]): Promise<void> {
  const stored = await store.readStream(streamId, { fromRevision: revisions[0], maxCount: revisions[revisions.length - 1] - revisions[0] + 1 });
  const byRevision = new Map(stored.map((e) => [e.revision, e]));
  events.forEach((e, k) => {
    const theirs = byRevision.get(revisions[k]);
    if (!theirs || canonicalJson({ type: theirs.type, data: theirs.data }) !== canonicalJson({ type: e.type, data: e.data })) {
      throw new EventIdReusedError(e.metadata.eventId, 'other-request');
    }
  });
}
