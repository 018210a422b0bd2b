export type Scalar = string | number | boolean | null;

/** Operations inside one read-store transaction: documents and checkpoints commit together. */
export interface ReadTx {
  get<T>(collection: string, id: string): Promise<T | undefined>;
  put<T>(collection: string, id: string, doc: T): Promise<void>;
  delete(collection: string, id: string): Promise<void>;
  getCheckpoint(name: string): Promise<number>;
  setCheckpoint(name: string, position: number): Promise<void>;
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
  /** Documents whose top-level fields equal the given values, ordered by id. */
  find<T>(collection: string, where: Record<string, Scalar>, options?: FindOptions): Promise<T[]>;
  getCheckpoint(name: string): Promise<number>;
  /** Removes the collections and checkpoint of a projection, for a rebuild. */
  reset(collections: string[], checkpoint: string): Promise<void>;
  close(): Promise<void>;
}
