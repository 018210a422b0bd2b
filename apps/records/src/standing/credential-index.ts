import { ReadTx } from '@app/read-store';

/** Credential ids kept in buckets of this size, so that indexing one more rewrites one small document. */
const BUCKET = 500;

interface IndexHead {
  buckets: number;
}

/**
 * Which credentials a provider or an achievement has, for re-judging them when a QA event about it
 * arrives. A single growing list would make each issue rewrite every earlier id (quadratic over a
 * long log); buckets keep each write bounded.
 */
export class CredentialIndex {
  constructor(private readonly collection: string) {}

  async add(tx: ReadTx, key: string, credentialId: string): Promise<void> {
    const head = (await tx.get<IndexHead>(this.collection, key)) ?? { buckets: 0 };
    const lastId = `${key}#${head.buckets - 1}`;
    const last = head.buckets > 0 ? await tx.get<string[]>(this.collection, lastId) : undefined;
    if (last && last.length < BUCKET) {
      last.push(credentialId);
      return tx.put(this.collection, lastId, last);
    }
    await tx.put(this.collection, `${key}#${head.buckets}`, [credentialId]);
    await tx.put<IndexHead>(this.collection, key, { buckets: head.buckets + 1 });
  }

  async all(tx: ReadTx, key: string): Promise<string[]> {
    const head = await tx.get<IndexHead>(this.collection, key);
    const ids: string[] = [];
    for (let i = 0; i < (head?.buckets ?? 0); i++) ids.push(...((await tx.get<string[]>(this.collection, `${key}#${i}`)) ?? []));
    return ids;
  }
}
