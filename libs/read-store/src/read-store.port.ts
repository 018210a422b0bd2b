import type { StorageHealth } from '@app/event-store';

export type Scalar = string | number | boolean | null;

/**
 * An event a projection could not apply, set aside so the projection goes on (DESIGN rule 7).
 * Holds no event data: only where it is in the log, its type and the error message.
 */
export interface ParkedEvent {
  projection: string;
  position: number;
  eventId: string;
  type: string;
  error: string;
  parkedAt: string;
}

export interface ParkedQuery {
  projection?: string;
  /** Only entries after this log position (paging). */
  afterPosition?: number;
  limit?: number;
}

/** Operations inside one read-store transaction: documents and checkpoints commit together. */
export interface ReadTx {
  get<T>(collection: string, id: string): Promise<T | undefined>;
  put<T>(collection: string, id: string, doc: T): Promise<void>;
  delete(collection: string, id: string): Promise<void>;
  getCheckpoint(name: string): Promise<number>;
  setCheckpoint(name: string, position: number): Promise<void>;
  /** Records a parked event; parking the same (projection, position) again replaces it. */
  park(entry: ParkedEvent): Promise<void>;
  /**
   * Runs `work` so that, when it throws, only its own writes are undone and the transaction
   * stays usable (a SQL savepoint): one bad event is parked without losing its neighbours.
   */
  savepoint<T>(work: () => Promise<T>): Promise<T>;
}

export interface FindOptions {
  limit?: number;
  /** Only documents whose id sorts after this one (paging). */
  afterId?: string;
}

/**
 * Storage for projections: JSON documents by (collection, id), plus named checkpoints.
 * Derived data only — everything here can be rebuilt from the event store.
 */
export interface ReadStore {
  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (tx: ReadTx) => Promise<T>): Promise<T>;
  get<T>(collection: string, id: string): Promise<T | undefined>;
  /**
   * Several documents of one collection in one query, in the order of `ids` (undefined where
   * absent): a Merkle proof reads its O(log n) nodes at once (the verifiable log).
   */
  getMany<T>(collection: string, ids: readonly string[]): Promise<(T | undefined)[]>;
  /** Documents whose top-level fields equal the given values, ordered by id. */
  find<T>(collection: string, where: Record<string, Scalar>, options?: FindOptions): Promise<T[]>;
  getCheckpoint(name: string): Promise<number>;
  /** Parked events in log order, optionally of one projection. */
  listParked(query?: ParkedQuery): Promise<ParkedEvent[]>;
  /** How many events each projection has parked (projections with none are absent). */
  countParked(): Promise<Record<string, number>>;
  /** Removes the collections, checkpoint and parked events of a projection, for a rebuild. */
  reset(collections: string[], checkpoint: string): Promise<void>;
  /** Embedded engines: whether writes currently fail on a storage fault (disk full, read-only). */
  storageHealth?(): StorageHealth;
  close(): Promise<void>;
}
