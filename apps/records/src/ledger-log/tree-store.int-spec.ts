import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoredNode } from '@app/ledger-crypto';
import { ReadStore } from '@app/read-store';
import { readStoreEngines } from '@app/testing';
import { TreeCollections, TreeStore, writeNodes } from './tree-store';

const { engines, dropSchemas } = readStoreEngines('TreeStore', 'treestore_');

const leaf = (index: number): StoredNode => ({ level: 0, index, hash: Buffer.alloc(32, index) });

describe.each(engines)('TreeStore on %s', (_engine, openReads) => {
  let dir: string;
  let reads: ReadStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-treestore-'));
    reads = await openReads(dir);
  });
  afterAll(async () => {
    await reads?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(dropSchemas);

  it('finds every leaf by its position, storing a position entry only where the position is not index + 1', async () => {
    // Leaves 0-2 at positions 1-3, then a gap (a PostgreSQL sequence skip): leaves 3-5 at 7-9, leaf 6 at 20.
    const positions = new Map([[0, 1], [1, 2], [2, 3], [3, 7], [4, 8], [5, 9], [6, 20]]);
    await reads.transaction((tx) => writeNodes(tx, [...positions.keys()].map(leaf), positions));
    const store = new TreeStore(reads);
    for (const [index, position] of positions) expect(await store.leafAt(position)).toBe(index);
    for (const position of [4, 5, 6, 10, 19, 21, 0]) expect(await store.leafAt(position)).toBeUndefined();
    const entries = await reads.find<{ leaf: number }>(TreeCollections.positions, {}, { limit: 100 });
    expect(entries.map((e) => e.leaf)).toEqual([3, 4, 5, 6]);
  });
});
