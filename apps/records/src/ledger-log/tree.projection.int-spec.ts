import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnyEvent, LedgerEvent } from '@app/contracts';
import { EventStore, openEventStore } from '@app/event-store';
import { consistencyProof, inclusionProof, leafHash, leafInput, rootOfLeafHashes, treeRoot, verifyConsistency, verifyInclusion } from '@app/ledger-crypto';
import { ProjectionRegistry, ReadStore, ReadTx } from '@app/read-store';
import { readStoreEngines, testEvent, uniqueName } from '@app/testing';
import { TreeCollections } from './tree-store';
import { LedgerTreeProjection } from './tree.projection';

const { engines, dropSchemas } = readStoreEngines('LedgerTreeProjection', 'tree_');

/** A read store whose transactions fail at the n-th put: a crash in the middle of a batch. */
function failingAfter(reads: ReadStore, puts: number): ReadStore {
  let left = puts;
  return new Proxy(reads, {
    get(target, prop) {
      if (prop !== 'transaction') return Reflect.get(target, prop) as unknown;
      return <T>(work: (tx: ReadTx) => Promise<T>) => target.transaction((tx) => work({
        ...tx,
        put: async (c, id, doc) => {
          if (--left < 0) throw new Error('killed mid-batch');
          return tx.put(c, id, doc);
        },
      }));
    },
  });
}

describe.each(engines)('LedgerTreeProjection on %s', (_engine, openReads) => {
  let dir: string;
  let events: EventStore;
  let reads: ReadStore;
  const append = async (n: number) => {
    for (let i = 0; i < n; i += 50) {
      const stream = uniqueName('test-');
      const batch = Array.from({ length: Math.min(50, n - i) }, (_, k) => testEvent('TestHappened', { k: i + k, text: 'é ✓ "quoted"' }));
      await (events as unknown as EventStore<AnyEvent>).append({ streamId: stream, expectedRevision: 'any', events: batch });
    }
  };
  /** The tree recomputed in memory from every event as stored. */
  const recompute = async () => {
    const all = await events.readAll({ stored: true, maxCount: 1_000_000 });
    return { size: all.length, root: rootOfLeafHashes(all.map((e) => leafHash(leafInput(e)))).toString('base64'), leaves: all.map((e) => leafHash(leafInput(e))) };
  };
  const run = async (store: ReadStore) => {
    const projection = new LedgerTreeProjection(events, store);
    await projection.onApplicationBootstrap();
    return projection;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-tree-'));
    events = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    reads = await openReads(dir);
    await append(1300);
  }, 60_000);
  afterAll(async () => {
    await events?.close();
    await reads?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(dropSchemas);

  describe('when it has caught up with the log', () => {
    it('reports like a projection group: registered, live at the head, behind when the log grows', async () => {
      const registry = new ProjectionRegistry();
      const projection = new LedgerTreeProjection(events, reads, registry);
      expect(registry.groups).toEqual([projection]);
      expect(projection.status(10).state).toBe('starting');
      await projection.onApplicationBootstrap();
      const head = await events.headPosition();
      expect(await projection.waitFor(head, 30_000)).toBe(true);
      expect(registry.statuses(head)).toEqual([expect.objectContaining({ group: 'records.ledger-log', state: 'live', lag: 0, position: head, projections: [{ name: 'ledger-log.tree', checkpoint: head, parked: 0 }] })]);
      await projection.beforeApplicationShutdown();
      expect(projection.status(head + 5)).toMatchObject({ state: 'catching-up', lag: 5 });
    });

    it('holds the root an in-memory recompute over the stored events gives, and proofs that verify', async () => {
      const projection = await run(reads);
      expect(await projection.waitFor(await events.headPosition(), 30_000)).toBe(true);
      await projection.beforeApplicationShutdown();
      const expected = await recompute();
      const head = await projection.store.head();
      expect(head).toMatchObject({ size: expected.size, root: expected.root, contentSize: expected.size });
      expect((await treeRoot(projection.store, head.size)).toString('base64')).toBe(expected.root);
      const root = Buffer.from(expected.root, 'base64');
      for (const index of [0, 1, 255, 256, 1023, 1299]) {
        const proof = await inclusionProof(projection.store, index, head.size);
        expect(verifyInclusion(index, head.size, expected.leaves[index], proof, root)).toEqual({ ok: true });
      }
      const older = rootOfLeafHashes(expected.leaves.slice(0, 777));
      expect(verifyConsistency(777, head.size, await consistencyProof(projection.store, 777, head.size), older, root)).toEqual({ ok: true });
      // Leaf index ↔ global position, both ways.
      const [last] = await events.readAll({ after: (await events.headPosition()) - 1, maxCount: 1 });
      expect(await projection.store.leafAt(last.position)).toBe(head.size - 1);
      expect(await projection.store.leafPositions(head.size - 1, 1)).toEqual([last.position]);
    }, 60_000);
  });

  describe('when the log is replayed from the start', () => {
    it('writes nothing twice: the same head, the same node count', async () => {
      const count = async () => (await reads.find(TreeCollections.nodes, {}, { limit: 100_000 })).length;
      const before = { head: await new LedgerTreeProjection(events, reads).store.head(), nodes: await count() };
      const projection = new LedgerTreeProjection(events, reads);
      const all = await events.readAll({ maxCount: 1_000_000 });
      await (projection as unknown as { handle(b: LedgerEvent[]): Promise<void> }).handle(all as never);
      expect(await projection.store.head()).toEqual(before.head);
      expect(await count()).toBe(before.nodes);
      // One row per complete subtree: n leaves have 2n − popcount(n) of them.
      expect(before.nodes).toBe(2 * before.head.size - before.head.size.toString(2).split('1').length + 1);
    });
  });

  describe('when a batch dies half-way through its writes', () => {
    it('keeps none of it, and the next run builds the same tree as a recompute', async () => {
      await append(120);
      const before = await new LedgerTreeProjection(events, reads).store.head();
      const dying = new LedgerTreeProjection(events, failingAfter(reads, 100));
      const fresh = await events.readAll({ after: before.position, maxCount: 1000 });
      await expect((dying as unknown as { handle(b: unknown[]): Promise<void> }).handle(fresh)).rejects.toThrow('killed mid-batch');
      expect(await dying.store.head()).toEqual(before);
      expect(await reads.get(TreeCollections.nodes, `0/${String(before.size).padStart(16, '0')}`)).toBeUndefined();
      const projection = await run(reads);
      expect(await projection.waitFor(await events.headPosition(), 30_000)).toBe(true);
      await projection.beforeApplicationShutdown();
      const expected = await recompute();
      expect(await projection.store.head()).toMatchObject({ size: expected.size, root: expected.root });
    }, 60_000);
  });
});
