import {
  BACKWARDS, END, EventStoreDBClient, FORWARDS, ReadPosition, START, StreamingRead, jsonEvent,
} from '@eventstore/db-client';
import { AnyEvent, LedgerError, NewEvent, RecordedEvent } from '@app/contracts';
import { EventIdReusedError, WrongExpectedRevisionError } from '../../event-store.errors';
import {
  AppendOutcome, AppendRequest, AppendResult, BatchHandler, EventStore, ReadAllOptions, ReadStreamOptions,
  SubscribeOptions, Subscription,
} from '../../event-store.port';
import { PollingSubscriptions } from '../../polling-subscription';
import { AllStreamSignal } from './all-stream-signal';
import {
  findDuplicate, isStreamNotFound, isSystemEvent, toClientConnectionString, toJsonData, toPosition, toRecorded,
  toVendorRevision, translateError,
} from './eventstoredb.mapping';
import { RecentEventIds } from './recent-event-ids';

export interface EventStoreDbEventStoreOptions {
  /** How many of a stream's latest events an append searches for its event ids; default 1000. */
  duplicateWindow?: number;
  /** Event ids remembered in-process to notice reuse on another stream; default 50 000. */
  rememberedEventIds?: number;
  /** How often subscriptions read `$all` when the live wake-up signal is quiet or down; default 1000 ms. */
  pollIntervalMs?: number;
  /** Streams appended in parallel by appendMany (one stream's requests stay in order); default 16. */
  appendConcurrency?: number;
}

/**
 * Event store on EventStoreDB / KurrentDB over gRPC. Streams, revisions and optimistic
 * concurrency are the server's own; the global position is the commit position in `$all`.
 *
 * Idempotency: before writing, an append reads the stream's latest events and answers
 * `duplicate: true` when its ids are already there, which covers the ledger, where a
 * retried event always targets the same stream. Reuse of an id on another stream is
 * caught only by an in-process memory of recent appends (best effort; the server has no
 * index by event id).
 *
 * Subscriptions read `$all` by position (PollingSubscription) and are woken by one live
 * server subscription (AllStreamSignal), so a failed handler gets the same batch again
 * after a backoff, and a dropped connection loses nothing.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions: PollingSubscriptions;
  private readonly recent: RecentEventIds;
  private readonly signal: AllStreamSignal;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbEventStoreOptions,
  ) {
    this.recent = new RecentEventIds(options.rememberedEventIds);
    this.subscriptions = new PollingSubscriptions((after, max) => this.readAll({ after, maxCount: max }), options.pollIntervalMs ?? 1000);
    this.signal = new AllStreamSignal(client, this.subscriptions.signal);
  }

  /** Connects to `esdb://`, `esdb+discover://` or `kurrentdb://` and checks that `$all` can be read. */
  static async connect(url: string, options: EventStoreDbEventStoreOptions = {}): Promise<EventStoreDbEventStore> {
    const store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(toClientConnectionString(url)), options);
    try {
      await store.headPosition();
    } catch (error) {
      await store.client.dispose();
      throw error;
    }
    return store;
  }

  async append(request: AppendRequest<AnyEvent>): Promise<AppendResult> {
    const [outcome] = await this.appendMany([request]);
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }

  /**
   * Each request is its own atomic append; the server has no multi-stream write, so
   * different streams are written in parallel (their relative order in `$all` is not the
   * order of `requests`), one stream's requests in order. Conflicts and reused ids become
   * outcomes; any other failure (an outage) rejects the whole call, which is safe to retry
   * because appends are idempotent.
   */
  async appendMany(requests: AppendRequest<AnyEvent>[]): Promise<AppendOutcome[]> {
    const outcomes: AppendOutcome[] = new Array(requests.length);
    const byStream = new Map<string, number[]>();
    requests.forEach((r, i) => {
      const queue = byStream.get(r.streamId) ?? [];
      queue.push(i);
      byStream.set(r.streamId, queue);
    });
    const queues = [...byStream.values()];
    const worker = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        for (const i of queue) outcomes[i] = await this.appendOutcome(requests[i]);
      }
    };
    const workers = Array.from({ length: Math.min(queues.length, this.options.appendConcurrency ?? 16) }, worker);
    const settled = await Promise.allSettled(workers);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    if (outcomes.some((o) => o.ok && !o.result.duplicate)) this.subscriptions.appended();
    return outcomes;
  }

  private async appendOutcome(request: AppendRequest<AnyEvent>): Promise<AppendOutcome> {
    try {
      return { ok: true, result: await this.appendOne(request) };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError || error instanceof EventIdReusedError) return { ok: false, error };
      throw error;
    }
  }

  private async appendOne({ streamId, events, expectedRevision }: AppendRequest<AnyEvent>): Promise<AppendResult> {
    const ids = events.map((e) => e.metadata.eventId);
    this.recent.check(streamId, ids);
    const duplicate = await this.duplicateOf(streamId, events);
    if (duplicate) return duplicate;
    const expected = toVendorRevision(expectedRevision);
    let nextRevision: number;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.metadata.eventId, type: e.type, data: toJsonData(e.data), metadata: { ...e.metadata } })),
        { expectedRevision: expected },
      );
      // Only reached with throwOnAppendFailure=false in the URL: the conflict comes back as data.
      if (!result.success) throw new WrongExpectedRevisionError(streamId, expectedRevision, await this.currentRevision(streamId));
      nextRevision = Number(result.nextExpectedRevision);
    } catch (error) {
      const translated = translateError(error, { streamId, expected: expectedRevision });
      // A concurrent writer may have appended these very events: that is a duplicate, not a conflict.
      if (translated instanceof WrongExpectedRevisionError) {
        const raced = await this.duplicateOf(streamId, events);
        if (raced) return raced;
      }
      throw translated;
    }
    const revisions = ids.map((_, k) => nextRevision - ids.length + 1 + k);
    const positions = await this.positionsOf(streamId, revisions, ids);
    this.recent.remember(streamId, ids);
    return { streamId, nextRevision, positions, revisions, duplicate: false };
  }

  private async duplicateOf(streamId: string, events: NewEvent<AnyEvent>[]): Promise<AppendResult | undefined> {
    if (events.length === 0) return undefined;
    const tail = await this.readStream(streamId, { direction: 'backwards', maxCount: Math.max(this.options.duplicateWindow ?? 1000, events.length) });
    const duplicate = findDuplicate(streamId, events, tail);
    if (duplicate) this.recent.remember(streamId, events.map((e) => e.metadata.eventId));
    return duplicate;
  }

  private async currentRevision(streamId: string): Promise<number> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last?.revision ?? -1;
  }

  /** The append response carries one position for the whole write, so the events are read back for theirs. */
  private async positionsOf(streamId: string, revisions: number[], ids: string[]): Promise<number[]> {
    if (revisions.length === 0) return [];
    const written = await this.readStream(streamId, { fromRevision: revisions[0], maxCount: revisions.length });
    const match = written.length === ids.length && written.every((e, k) => e.metadata.eventId?.toLowerCase() === ids[k].toLowerCase());
    if (!match) throw new LedgerError('EVENT_STORE.READ_BACK_MISMATCH', `stream ${streamId} does not hold the events just appended at revisions ${revisions.join(',')}`);
    return written.map((e) => e.position);
  }

  async readStreams(streamIds: string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = await Promise.all(streamIds.map(async (id) => [id, await this.readStream(id)] as const));
    return new Map(streams);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      });
      return (await drain(read)).map((e) => toRecorded(e)).filter((e): e is RecordedEvent => e !== undefined);
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw translateError(error);
    }
  }

  /**
   * Reads `$all` after a position, skipping system events. Pages are fetched until
   * `maxCount` ledger events are found or the end is reached, so a run of system events
   * never ends a caller's paging early.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? 1000;
    const page = Math.min(Math.max(maxCount + 1, 100), 4096);
    const out: RecordedEvent[] = [];
    let seen = BigInt(options.after ?? 0);
    // Reading forwards from a position includes the event at it; `seen` drops it again.
    let from: ReadPosition = seen > 0n ? { commit: seen, prepare: seen } : START;
    for (;;) {
      const events = await this.readAllPage({ fromPosition: from, maxCount: page, direction: FORWARDS });
      for (const { event } of events) {
        if (!event || event.position.commit <= seen) continue;
        seen = event.position.commit;
        from = event.position;
        if (isSystemEvent(event.streamId, event.type)) continue;
        out.push(toRecorded({ event }, options.stored)!);
        if (out.length >= maxCount) return out;
      }
      if (events.length < page) return out;
    }
  }

  async headPosition(): Promise<number> {
    const page = 100;
    let from: ReadPosition = END;
    for (;;) {
      const events = await this.readAllPage({ fromPosition: from, maxCount: page, direction: BACKWARDS });
      for (const { event } of events) {
        if (!event) continue;
        if (!isSystemEvent(event.streamId, event.type)) return toPosition(event.position.commit);
        // Reading backwards from a position excludes the event at it.
        from = event.position;
      }
      if (events.length < page) return 0;
    }
  }

  private async readAllPage(options: { fromPosition: ReadPosition; maxCount: number; direction: typeof FORWARDS | typeof BACKWARDS }) {
    try {
      return await drain(this.client.readAll(options));
    } catch (error) {
      throw translateError(error);
    }
  }

  subscribeToAll(after: number, handler: BatchHandler, options: SubscribeOptions = {}): Subscription {
    this.signal.start();
    return this.subscriptions.open(after, handler, options, async () => {
      if (this.subscriptions.size === 0) await this.signal.stop();
    });
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.signal.stop();
    await this.client.dispose();
  }
}

/** All events of a finite read; the client reports a failed read by rejecting the iteration. */
async function drain<E>(read: StreamingRead<E>): Promise<E[]> {
  const events: E[] = [];
  for await (const event of read) events.push(event);
  return events;
}
