import { TreeAppender } from './appender';
import { decodeEntryBundle, encodeEntryBundle, EntryBundleError, MAX_ENTRY_SIZE } from './entry-bundle';
import { MemoryHashStore } from './hash-reader';
import { leafHash, rootOfLeafHashes } from './hashing';
import { consistencyProof, inclusionProof, treeRoot } from './prove';
import { tileHashReader } from './tile-reader';
import { entryBundlePath, parseTilePath, partialTilesForSize, readTile, tileInTree, tileIndexPath, tilePath, tilesForSize } from './tiles';

describe('tile paths (c2sp.org/tlog-tiles §Merkle Tree)', () => {
  it('writes N in the x001/x234/067 form of the spec', () => {
    expect(tileIndexPath(1234067)).toBe('x001/x234/067');
    expect(tileIndexPath(0)).toBe('000');
    expect(tileIndexPath(1000)).toBe('x001/000');
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 2, index: 5, width: 17 })).toBe('tile/2/005.p/17');
    expect(entryBundlePath({ index: 273, width: 112 })).toBe('tile/entries/273.p/112');
  });

  it('reads canonical paths back', () => {
    expect(parseTilePath('tile/0/x001/x234/067')).toEqual({ kind: 'tile', tile: { level: 0, index: 1234067, width: 256 } });
    expect(parseTilePath('tile/63/005.p/255')).toEqual({ kind: 'tile', tile: { level: 63, index: 5, width: 255 } });
    expect(parseTilePath('tile/entries/x001/000.p/1')).toEqual({ kind: 'entries', bundle: { index: 1000, width: 1 } });
  });

  it.each(['tile/0/1', 'tile/0/x000/001', 'tile/64/000', 'tile/00/000', 'tile/0/000.p/0', 'tile/0/000.p/256', 'tile/0/000.p/012', 'tile/0/001/002', 'tile/entries/000.p/', 'tile/-1/000', 'tile/0/000/'])(
    'refuses the non-canonical path %s',
    (path) => expect(parseTilePath(path)).toBeUndefined(),
  );
});

describe('tiles of a tree size (c2sp.org/tlog-tiles §Partial Tiles)', () => {
  it('gives a tree of 70,000 the tiles of the spec example', () => {
    const tiles = tilesForSize(70_000);
    expect(tiles.filter((t) => t.level === 0 && t.width === 256)).toHaveLength(273);
    expect(partialTilesForSize(70_000)).toEqual([
      { level: 0, index: 273, width: 112 },
      { level: 1, index: 1, width: 17 },
      { level: 2, index: 0, width: 1 },
    ]);
    expect(tiles.filter((t) => t.level === 1 && t.width === 256)).toEqual([{ level: 1, index: 0, width: 256 }]);
    expect(tiles).toHaveLength(273 + 1 + 1 + 1 + 1);
  });

  it('gives a tree of 256 one full level 0 tile and a level 1 tile of width 1', () => {
    expect(tilesForSize(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(tilesForSize(0)).toEqual([]);
  });

  it('serves a tile only once the tree holds all its hashes', () => {
    expect(tileInTree({ level: 0, index: 273, width: 112 }, 70_000)).toBe(true);
    expect(tileInTree({ level: 0, index: 273, width: 113 }, 70_000)).toBe(false);
    expect(tileInTree({ level: 0, index: 273, width: 256 }, 70_000)).toBe(false);
    expect(tileInTree({ level: 1, index: 1, width: 17 }, 70_000)).toBe(true);
    expect(tileInTree({ level: 2, index: 0, width: 2 }, 70_000)).toBe(false);
  });
});

describe('when a tree of 70,000 leaves is served as tiles', () => {
  const size = 70_000;
  const leaves = Array.from({ length: size }, (_, i) => Buffer.from(`event ${i}`));
  const hashes = leaves.map((l) => leafHash(l));
  const store = new MemoryHashStore();
  beforeAll(() => {
    const appender = TreeAppender.empty();
    for (const h of hashes) store.store(appender.append(h));
  });

  it('puts leaf hashes in level 0 tiles and MTH of 256^L leaves in level L tiles', async () => {
    expect((await readTile(store, { level: 0, index: 3, width: 256 })).toString('hex')).toBe(Buffer.concat(hashes.slice(768, 1024)).toString('hex'));
    const level1 = await readTile(store, { level: 1, index: 1, width: 17 });
    expect(level1).toHaveLength(17 * 32);
    expect(level1.subarray(16 * 32)).toEqual(rootOfLeafHashes(hashes.slice((256 + 16) * 256, (256 + 17) * 256)));
    expect(await readTile(store, { level: 2, index: 0, width: 1 })).toEqual(rootOfLeafHashes(hashes.slice(0, 65_536)));
  });

  it('builds from tiles alone the same roots and proofs as from the node store', async () => {
    const fetched: string[] = [];
    const tiles = tileHashReader(size, (tile) => {
      fetched.push(tilePath(tile));
      return readTile(store, tile);
    });
    expect(await treeRoot(tiles, size)).toEqual(await treeRoot(store, size));
    for (const index of [0, 255, 256, 65_535, 65_536, 69_887, 69_888, size - 1]) {
      expect(await inclusionProof(tiles, index, size)).toEqual(await inclusionProof(store, index, size));
    }
    for (const size1 of [1, 255, 256, 1000, 65_536, 69_999]) {
      expect(await consistencyProof(tiles, size1, size)).toEqual(await consistencyProof(store, size1, size));
    }
    expect(fetched).toContain('tile/0/273.p/112');
  });

  it('bundles entries so that each hashes to its level 0 tile hash', async () => {
    const bundle = encodeEntryBundle(leaves.slice(273 * 256));
    const entries = decodeEntryBundle(bundle);
    expect(entries).toHaveLength(112);
    expect(Buffer.concat(entries.map((e) => leafHash(e)))).toEqual(await readTile(store, { level: 0, index: 273, width: 112 }));
  });
});

describe('entry bundles (c2sp.org/tlog-tiles §Log entries)', () => {
  it('writes each entry as a big-endian 2-byte length and its bytes', () => {
    expect(encodeEntryBundle([Buffer.from('ab'), Buffer.alloc(0), Buffer.from([0xff])]).toString('hex')).toBe('00026162000000' + '01ff');
  });

  it('takes a leaf of 65,535 bytes and refuses one of 65,536', () => {
    const largest = Buffer.alloc(MAX_ENTRY_SIZE, 7);
    const [back, ...more] = decodeEntryBundle(encodeEntryBundle([largest]));
    expect(back.equals(largest) && more.length === 0).toBe(true);
    expect(() => encodeEntryBundle([Buffer.alloc(MAX_ENTRY_SIZE + 1)])).toThrow(expect.objectContaining({ code: 'TLOG.ENTRY_TOO_LARGE' }));
  });

  it('refuses a truncated bundle', () => {
    const bundle = encodeEntryBundle([Buffer.from('abc')]);
    expect(() => decodeEntryBundle(bundle.subarray(0, 4))).toThrow(EntryBundleError);
    expect(() => decodeEntryBundle(Buffer.concat([bundle, Buffer.from([0])]))).toThrow(EntryBundleError);
  });
});
