import { ReadStore } from '@app/read-store';

/**
 * Read-model documents many credentials share (providers, achievements, their revisions), kept
 * under the checkpoint of the projection group that writes them. That group commits every
 * batch with its checkpoints in one transaction, and its checkpoints only grow: while the
 * checkpoint read before a request's documents is the one they were kept under, nothing was
 * committed since, and the kept documents are the stored ones. A newer checkpoint empties the
 * cache; a request that saw an older one reads the store. At most `max` documents are kept.
 */
export class SharedDocs {
  private stamp = -1;
  private readonly docs = new Map<string, unknown>();

  constructor(
    private readonly reads: ReadStore,
    private readonly max = 10_000,
  ) {}

  /** The document as the store holds it at `checkpoint` or later; `checkpoint` must be read before calling. */
  async get<T>(checkpoint: number, collection: string, id: string): Promise<T | undefined> {
    if (checkpoint > this.stamp) {
      this.docs.clear();
      this.stamp = checkpoint;
    }
    if (checkpoint < this.stamp) return this.reads.get<T>(collection, id);
    const key = `${collection}\u0000${id}`;
    if (this.docs.has(key)) return this.docs.get(key) as T | undefined;
    const doc = await this.reads.get<T>(collection, id);
    if (this.stamp === checkpoint && this.docs.size < this.max) this.docs.set(key, doc);
    return doc;
  }
}
