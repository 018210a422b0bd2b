import { AnyEvent, LedgerEvent, NewEvent, RecordedEvent } from '@app/contracts';
import { EventIdReusedError, WrongExpectedRevisionError } from './event-store.errors';
import { AppendOutcome, AppendRequest, AppendResult, EventStore } from './event-store.port';
import { fold, FoldedStream } from './fold-stream';

/** One stream of a batch as loaded: its events as stored, folded, and what the batch decides to append to it. */
export interface StreamInBatch<S, U extends AnyEvent = LedgerEvent> extends FoldedStream<S> {
  streamId: string;
  stored: RecordedEvent<U>[];
  /** Filled by `decide`; appended with the revision the stream was loaded at. */
  pending: NewEvent<U>[];
}

export interface DecidedInBatch<S, U extends AnyEvent = LedgerEvent> {
  stream: StreamInBatch<S, U>;
  outcome: AppendOutcome;
}

/**
 * Load → decide → append for many streams at once, the batch sibling of `decideOnStream`:
 * every stream is read in one call, `decide` fills each stream's `pending` events (it may
 * fold them into `state` as it goes, so several commands can land on one stream), and all
 * of them are appended in one durable write, each stream with its own expected revision.
 * Per-stream outcomes come back so the caller can answer per item (and retry a stream that
 * moved under it). With `allOrNothing`, on engines that can (appendAll), either every stream's
 * events are kept or none: each stream then reports the failure that stopped the write.
 */
export async function decideOnStreams<S, U extends AnyEvent = LedgerEvent>(
  store: EventStore<U>,
  streamIds: string[],
  aggregate: { initial: S; evolve: (state: S, event: RecordedEvent<U>) => S },
  decide: (streams: Map<string, StreamInBatch<S, U>>) => Promise<void>,
  options: { allOrNothing?: boolean } = {},
): Promise<DecidedInBatch<S, U>[]> {
  const loaded = await store.readStreams([...new Set(streamIds)]);
  const streams = new Map<string, StreamInBatch<S, U>>();
  for (const streamId of new Set(streamIds)) {
    const stored = loaded.get(streamId) ?? [];
    streams.set(streamId, { streamId, stored, pending: [], ...fold(stored, aggregate.evolve, aggregate.initial) });
  }
  await decide(streams);
  const batch = [...streams.values()].filter((s) => s.pending.length > 0);
  if (batch.length === 0) return [];
  const requests = batch.map((s): AppendRequest<U> => ({ streamId: s.streamId, events: s.pending, expectedRevision: s.revision === -1 ? 'no-stream' : s.revision }));
  const outcomes = options.allOrNothing && store.appendAll ? await allOrNothing(store.appendAll.bind(store), requests) : await store.appendMany(requests);
  return outcomes.map((outcome, i) => ({ stream: batch[i], outcome }));
}

/** appendAll as outcomes: when one stream fails nothing is written, and every stream reports that failure. */
async function allOrNothing<U extends AnyEvent>(appendAll: (requests: AppendRequest<U>[]) => Promise<AppendResult[]>, requests: AppendRequest<U>[]): Promise<AppendOutcome[]> {
  try {
    return (await appendAll(requests)).map((result) => ({ ok: true, result }));
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError) && !(error instanceof EventIdReusedError)) throw error;
    return requests.map(() => ({ ok: false, error }));
  }
}
