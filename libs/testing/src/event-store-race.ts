import { AnyEvent } from '@app/contracts';
import { EventStore } from '@app/event-store';
import { testEvent, uniqueName } from './events';

export interface RaceOptions {
  /** Stores appending at once, each opened on its own (its own connections, as separate processes). */
  writers: number;
  /** Appends each writer makes, spread over `lanes` concurrent loops. */
  appendsPerWriter: number;
  lanes?: number;
}

export interface RaceReport {
  committed: number;
  delivered: number;
  /** Empty when the subscriber saw every committed event exactly once, in position order. */
  problems: string[];
}

/**
 * Several writers append concurrently (single appends and multi-stream appendMany, on shared
 * and private streams) while a subscriber opened on another store follows the global log in
 * small batches. Afterwards the subscriber must have seen every committed event exactly once,
 * at the position its append reported, with positions rising: a store whose transactions
 * commit out of position order makes a follower skip events, and this finds it.
 */
export async function raceWritersAgainstSubscriber(open: () => Promise<EventStore<AnyEvent>>, options: RaceOptions): Promise<RaceReport> {
  const prefix = uniqueName('race-');
  const lanes = options.lanes ?? 3;
  const problems: string[] = [];
  const reader = await open();
  const writers = await Promise.all(Array.from({ length: options.writers }, open));
  const committed = new Map<string, number>();
  const delivered = new Map<string, number>();
  let last = await reader.headPosition();
  const sub = reader.subscribeToAll(last, async (batch) => {
    for (const e of batch) {
      if (e.position <= last) problems.push(`position ${e.position} delivered after ${last}`);
      last = e.position;
      if (!e.streamId.startsWith(prefix)) continue;
      if (delivered.has(e.metadata.eventId)) problems.push(`event ${e.metadata.eventId} delivered twice`);
      delivered.set(e.metadata.eventId, e.position);
    }
    // A handler that yields, as a projection's write does, so reads and appends interleave.
    await new Promise((r) => setImmediate(r));
  }, { batchSize: 7 });
  try {
    await Promise.all(writers.flatMap((store, w) => Array.from({ length: lanes }, async (_, lane) => {
      for (let i = lane; i < options.appendsPerWriter; i += lanes) {
        const shared = `${prefix}shared-${i % 4}`;
        const own = `${prefix}w${w}-${lane}`;
        const requests = [
          { streamId: own, events: Array.from({ length: 1 + (i % 3) }, () => testEvent('Raced')), expectedRevision: 'any' as const },
          ...(i % 2 === 0 ? [{ streamId: shared, events: [testEvent('Shared')], expectedRevision: 'any' as const }] : []),
        ];
        for (const outcome of await store.appendMany(requests)) {
          if (!outcome.ok) throw outcome.error;
          outcome.result.positions.forEach((p, k) => committed.set(requests.find((r) => r.streamId === outcome.result.streamId)!.events[k].metadata.eventId, p));
        }
      }
    })));
    // A last event after all the others: once it is delivered, anything still missing was skipped.
    const sentinel = testEvent('Sentinel');
    const end = await writers[0].append({ streamId: `${prefix}end`, events: [sentinel], expectedRevision: 'no-stream' });
    committed.set(sentinel.metadata.eventId, end.positions[0]);
    const deadline = Date.now() + 30_000;
    while (!delivered.has(sentinel.metadata.eventId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (!delivered.has(sentinel.metadata.eventId)) problems.push('the last event was not delivered within 30 s');
    for (const [id, position] of committed) {
      if (!delivered.has(id)) problems.push(`event ${id} at position ${position} committed but never delivered`);
      else if (delivered.get(id) !== position) problems.push(`event ${id} delivered at ${delivered.get(id)}, appended at ${position}`);
    }
    for (const id of delivered.keys()) if (!committed.has(id)) problems.push(`event ${id} delivered but not reported committed`);
  } finally {
    await sub.stop();
    await Promise.all([reader, ...writers].map((s) => s.close()));
  }
  return { committed: committed.size, delivered: delivered.size, problems: problems.slice(0, 20) };
}
