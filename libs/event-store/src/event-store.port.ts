import { AnyEvent, LedgerEvent, NewEvent, RecordedEvent } from '@app/contracts';
import { StorageHealth } from './storage/storage-faults';

/** `any`: no check; `no-stream`: the stream must not exist; a number: the stream's current last revision. */
export type ExpectedRevision = 'any' | 'no-stream' | number;

export interface AppendRequest<E extends AnyEvent = LedgerEvent> {
  streamId: string;
  events: NewEvent<E>[];
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  streamId: string;
  /** Revision of the last event now in the stream. */
  nextRevision: number;
  /** Global positions of the appended (or, for a duplicate, the previously appended) events. */
  positions: number[];
  revisions: number[];
  /** True when every event id was already in the stream: nothing new was written. */
  duplicate: boolean;
}

export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive starting revision; defaults to the first (forwards) or the last (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive lower bound on the global position; 0 reads from the beginning. */
  after?: number;
  maxCount?: number;
  /**
   * The events exactly as stored, without lifting older body shapes (no upcasters): what the
   * verifiable log hashes and the audit export prints, so a new upcaster never changes a leaf.
   */
  stored?: boolean;
}

export interface StreamEnd {
  revision: number;
  position: number;
}

export type BatchHandler<E extends AnyEvent = LedgerEvent> = (events: RecordedEvent<E>[]) => Promise<void>;

export interface SubscribeOptions {
  batchSize?: number;
  /**
   * Replaying a backlog: after a read that came back full, the next read asks for this many
   * events (default: batchSize). Fewer, larger handler calls while catching up; back to
   * batchSize once the subscription follows live appends.
   */
  catchUpBatchSize?: number;
  /** Told about a failed handler call before it is retried with backoff. */
  onError?: (error: unknown, attempt: number) => void;
}

export interface Subscription {
  /** Resolves once the handler call in flight, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * The ledger's only source of truth. Streams are ordered by revision; the global log is
 * ordered by position. Appends are atomic per request and idempotent on event id.
 *
 * E is the union of events the store holds: the ledger's (the default), so reads come
 * back as the discriminated union; port-level tests use AnyEvent.
 */
export interface EventStore<E extends AnyEvent = LedgerEvent> {
  append(request: AppendRequest<E>): Promise<AppendResult>;
  /**
   * Appends several requests; each succeeds or fails on its own (one stream's conflict does
   * not fail the others), and the engine makes them durable together where it can.
   */
  appendMany(requests: AppendRequest<E>[]): Promise<AppendOutcome[]>;
  /**
   * Engines with multi-stream transactions (SQLite) only: every request is kept, or none.
   * Requests run in order, so several may target one stream (each sees the ones before it),
   * and a request whose event ids are all stored already is a duplicate, not a failure. When
   * one request fails (a conflict, a reused id) nothing of the call is written and that error
   * is thrown. Absent on engines without multi-stream writes (EventStoreDB): use appendMany.
   */
  appendAll?(requests: AppendRequest<E>[]): Promise<AppendResult[]>;
  /** Events of one stream; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent<E>[]>;
  /**
   * Where a stream ends: its last event's revision and global position, without reading the
   * event (undefined when the stream does not exist). Optional: readStream backwards with
   * maxCount 1 answers the same where an engine lacks it (EventStoreDB).
   */
  streamEnd?(streamId: string): Promise<StreamEnd | undefined>;
  /**
   * Which of these event ids the log holds, by its index of event ids. Optional: an engine
   * without one (EventStoreDB) leaves it out, and callers do the work a known id would have
   * let them skip.
   */
  knownEventIds?(eventIds: readonly string[]): Promise<Set<string>>;
  /** Whole streams, several at once (a batch loads every credential it touches in one go). */
  readStreams(streamIds: string[]): Promise<Map<string, RecordedEvent<E>[]>>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent<E>[]>;
  /** Position of the last event in the global log (0 when empty). */
  headPosition(): Promise<number>;
  /** Delivers the global log after `after` in batches, catching up then following live appends. */
  subscribeToAll(after: number, handler: BatchHandler<E>, options?: SubscribeOptions): Subscription;
  /** Embedded engines: whether writes currently fail on a storage fault (disk full, read-only). */
  storageHealth?(): StorageHealth;
  close(): Promise<void>;
}
