import { AnyEvent, LedgerEvent, RecordedEvent } from '@app/contracts';
import { EventStore } from './event-store.port';

export interface FoldedStream<S> {
  state: S;
  /** Last revision, -1 when the stream does not exist: the expected revision for the next append. */
  revision: number;
  /** Ids of every event in the stream, for dedupe before deciding. */
  eventIds: Set<string>;
}

/** Loads a stream and folds it into state with the aggregate's `evolve`. */
export async function foldStream<S, U extends AnyEvent = LedgerEvent>(
  store: EventStore<U>,
  streamId: string,
  evolve: (state: S, event: RecordedEvent<U>) => S,
  initial: S,
): Promise<FoldedStream<S>> {
  return fold(await store.readStream(streamId), evolve, initial);
}

/** Folds events already read (see EventStore.readStreams). */
export function fold<S, U extends AnyEvent = LedgerEvent>(events: RecordedEvent<U>[], evolve: (state: S, event: RecordedEvent<U>) => S, initial: S): FoldedStream<S> {
  let state = initial;
  let revision = -1;
  const eventIds = new Set<string>();
  for (const e of events) {
    state = evolve(state, e);
    revision = e.revision;
    eventIds.add(e.metadata.eventId);
  }
  return { state, revision, eventIds };
}
