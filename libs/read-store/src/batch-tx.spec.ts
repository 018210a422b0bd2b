import { ReadTx } from './read-store.port';
import { BatchTx } from './batch-tx';

/** A transaction that counts what reaches it. */
function countingTx(initial: Record<string, unknown> = {}) {
  const docs = new Map(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  const calls = { get: 0, put: 0, delete: 0 };
  const tx: ReadTx = {
    get: async <T>(c: string, id: string) => (calls.get++, docs.has(`${c}/${id}`) ? (JSON.parse(docs.get(`${c}/${id}`)!) as T) : undefined),
    put: async (c, id, doc) => void (calls.put++, docs.set(`${c}/${id}`, JSON.stringify(doc))),
    delete: async (c, id) => void (calls.delete++, docs.delete(`${c}/${id}`)),
    getCheckpoint: async () => 0,
    setCheckpoint: async () => undefined,
    park: async () => undefined,
    savepoint: async <T>(work: () => Promise<T>) => work(),
  };
  return { tx, calls, doc: (key: string) => (docs.has(key) ? JSON.parse(docs.get(key)!) : undefined) };
}

describe('BatchTx', () => {
  describe('when a batch reads and rewrites one document many times', () => {
    it('reads it once and writes its last version once, at flush', async () => {
      const { tx, calls, doc } = countingTx({ 'c/n': { n: 0 } });
      const batch = new BatchTx(tx);
      for (let i = 0; i < 10; i++) {
        const current = (await batch.get<{ n: number }>('c', 'n'))!;
        await batch.put('c', 'n', { n: current.n + 1 });
      }
      expect(calls).toEqual({ get: 1, put: 0, delete: 0 });
      await batch.flush();
      expect(calls).toEqual({ get: 1, put: 1, delete: 0 });
      expect(doc('c/n')).toEqual({ n: 10 });
    });
  });

  describe('when a document is absent', () => {
    it('looks it up once, and writes nothing for what was only read', async () => {
      const { tx, calls } = countingTx();
      const batch = new BatchTx(tx);
      expect(await batch.get('c', 'x')).toBeUndefined();
      expect(await batch.get('c', 'x')).toBeUndefined();
      await batch.flush();
      expect(calls).toEqual({ get: 1, put: 0, delete: 0 });
    });
  });

  describe('when a document is deleted in the batch', () => {
    it('reads as absent after, and the delete reaches the transaction', async () => {
      const { tx, doc } = countingTx({ 'c/d': { a: 1 } });
      const batch = new BatchTx(tx);
      await batch.get('c', 'd');
      await batch.delete('c', 'd');
      expect(await batch.get('c', 'd')).toBeUndefined();
      await batch.flush();
      expect(doc('c/d')).toBeUndefined();
    });
  });

  describe('when a projection changes a document without putting it', () => {
    it('refuses to flush, with an error the runner retries rather than hides', async () => {
      const { tx } = countingTx({ 'c/m': { list: [] } });
      const batch = new BatchTx(tx);
      (await batch.get<{ list: number[] }>('c', 'm'))!.list.push(1);
      await expect(batch.flush()).rejects.toMatchObject({ message: expect.stringContaining('c/m was changed after it was read'), retriable: true });
    });

    it('refuses a change made after the put as well', async () => {
      const { tx } = countingTx();
      const batch = new BatchTx(tx);
      const doc = { list: [1] };
      await batch.put('c', 'p', doc);
      doc.list.push(2);
      await expect(batch.flush()).rejects.toMatchObject({ message: expect.stringContaining('c/p was changed after it was put') });
    });
  });
});
