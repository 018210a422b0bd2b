import { RecordedEvent } from '@app/contracts';
import { ReadTx } from './read-store.port';

interface Cached {
  collection: string;
  id: string;
  /** undefined: absent (never stored, or deleted in this batch). */
  doc: unknown;
  dirty: boolean;
  /** Tests only: the document as JSON when it was read or put, to catch a change made without a put. */
  seen?: string;
}

/**
 * A write-back cache over one read-store transaction for the length of one runner batch: a
 * document is read (and parsed) once per batch however many events touch it, an absent one is
 * looked up once, and what the events put is written (and serialised) once, at `flush`. A hot
 * small document (a jurisdiction's policies, a provider, a partner list, an index bucket) then
 * costs one read and one write per batch instead of one per event.
 *
 * It lives no longer than the batch, so the store stays the only state between batches: a batch
 * that fails is rolled back with the transaction and the cache is dropped with it, and the runner's
 * event-by-event replay goes through `apply` on the plain transaction.
 *
 * Documents are shared, not copied: `get` answers the object it holds, so a projection must put
 * what it changes (the usual load, change, put). Under tests (NODE_ENV=test) `flush` checks that
 * no document changed without a put after it, and throws a retriable error if one did.
 */
export class BatchTx implements ReadTx {
  private readonly docs = new Map<string, Cached>();
  private readonly checked = process.env.NODE_ENV === 'test';

  constructor(private readonly tx: ReadTx) {}

  async get<T>(collection: string, id: string): Promise<T | undefined> {
    const key = keyOf(collection, id);
    const cached = this.docs.get(key);
    if (cached) return cached.doc as T | undefined;
    const doc = await this.tx.get<T>(collection, id);
    this.docs.set(key, { collection, id, doc, dirty: false, ...(this.checked ? { seen: JSON.stringify(doc) } : {}) });
    return doc;
  }

  async put<T>(collection: string, id: string, doc: T): Promise<void> {
    this.docs.set(keyOf(collection, id), { collection, id, doc, dirty: true, ...(this.checked ? { seen: JSON.stringify(doc) } : {}) });
  }

  async delete(collection: string, id: string): Promise<void> {
    this.docs.set(keyOf(collection, id), { collection, id, doc: undefined, dirty: true });
  }

  getCheckpoint(name: string): Promise<number> {
    return this.tx.getCheckpoint(name);
  }

  setCheckpoint(name: string, position: number): Promise<void> {
    return this.tx.setCheckpoint(name, position);
  }

  park(): Promise<void> {
    throw new Error('BatchTx: parking happens event by event on the runner transaction, never inside a batch');
  }

  savepoint<T>(): Promise<T> {
    throw new Error('BatchTx: savepoints happen event by event on the runner transaction, never inside a batch');
  }

  /** Writes what the batch changed to the transaction, once per document. */
  async flush(): Promise<void> {
    for (const c of this.docs.values()) {
      if (this.checked && c.doc !== undefined && JSON.stringify(c.doc) !== c.seen) {
        // Retriable, so the runner retries (and the test stalls, loudly) rather than replaying the batch event by event, which would hide it.
        throw Object.assign(new Error(`BatchTx: ${c.collection}/${c.id} was changed after it was ${c.dirty ? 'put' : 'read'}, without a put: the store would not have it`), { retriable: true });
      }
      if (!c.dirty) continue;
      if (c.doc === undefined) await this.tx.delete(c.collection, c.id);
      else await this.tx.put(c.collection, c.id, c.doc);
    }
    this.docs.clear();
  }
}

/** `apply` on each event in turn through one BatchTx, then one flush: a projection's applyBatch. */
export async function applyThroughCache(tx: ReadTx, events: RecordedEvent[], apply: (tx: ReadTx, event: RecordedEvent) => Promise<void>): Promise<void> {
  const batch = new BatchTx(tx);
  for (const event of events) await apply(batch, event);
  await batch.flush();
}

const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`;
