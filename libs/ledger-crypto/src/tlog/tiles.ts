import { HashReader, TreeNode } from './hash-reader';

/** c2sp.org/tlog-tiles: a tile spans 8 tree levels, so it holds up to 256 hashes. */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

/**
 * A tile of the tree (tlog-tiles §Merkle Tree): at tile level `level`, the `width` hashes of
 * tree level 8·level from index 256·`index` on. Width 256 is a full tile, 1–255 a partial one.
 */
export interface Tile {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** An entry bundle (tlog-tiles §Log entries): the `width` entries from 256·`index` on. */
export interface EntryBundle {
  readonly index: number;
  readonly width: number;
}

/** N in the `x001/x234/067` form: 3-digit groups, all but the last prefixed with `x`. */
export function tileIndexPath(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`tile index ${index} is not an index`);
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** `tile/<L>/<N>[.p/<W>]`, relative to the log's prefix. */
export function tilePath(tile: Tile): string {
  return `tile/${tile.level}/${tileIndexPath(tile.index)}${widthSuffix(tile.width)}`;
}

/** `tile/entries/<N>[.p/<W>]`, relative to the log's prefix. */
export function entryBundlePath(bundle: EntryBundle): string {
  return `tile/entries/${tileIndexPath(bundle.index)}${widthSuffix(bundle.width)}`;
}

/** Reads a tile or entry bundle path back; undefined unless it is in the exact canonical form. */
export function parseTilePath(path: string): { kind: 'tile'; tile: Tile } | { kind: 'entries'; bundle: EntryBundle } | undefined {
  const match = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (!match) return undefined;
  const [, level, n, w] = match;
  const index = Number(n.replace(/[x/]/g, ''));
  const width = w === undefined ? TILE_WIDTH : Number(w);
  // One canonical spelling per tile: no leading zero groups, a partial width below 256, level 0–63.
  if (!Number.isSafeInteger(index) || tileIndexPath(index) !== n) return undefined;
  if (w !== undefined && width >= TILE_WIDTH) return undefined;
  if (level === 'entries') return { kind: 'entries', bundle: { index, width } };
  if (Number(level) > 63) return undefined;
  return { kind: 'tile', tile: { level: Number(level), index, width } };
}

/** True when the tree of `size` leaves holds every hash of the tile, so it can be served. */
export function tileInTree(tile: Tile, size: number): boolean {
  return validTile(tile) && (tile.index * TILE_WIDTH + tile.width) * TILE_WIDTH ** tile.level <= size;
}

/** True when the tree of `size` leaves holds every entry of the bundle. */
export function bundleInTree(bundle: EntryBundle, size: number): boolean {
  return tileInTree({ level: 0, ...bundle }, size);
}

/**
 * Every tile of the tree of `size` leaves (tlog-tiles §Partial Tiles): the full tiles of each
 * level, then that level's partial tile if any, bottom level first. For mirrors and tests.
 */
export function tilesForSize(size: number): Tile[] {
  const tiles: Tile[] = [];
  for (let level = 0; TILE_WIDTH ** level <= size; level++) {
    const hashes = Math.floor(size / TILE_WIDTH ** level);
    const full = Math.floor(hashes / TILE_WIDTH);
    for (let index = 0; index < full; index++) tiles.push({ level, index, width: TILE_WIDTH });
    if (hashes % TILE_WIDTH > 0) tiles.push({ level, index: full, width: hashes % TILE_WIDTH });
  }
  return tiles;
}

/** The partial tiles of the tree of `size` leaves: what a log must publish along with a checkpoint of that size. */
export function partialTilesForSize(size: number): Tile[] {
  return tilesForSize(size).filter((tile) => tile.width < TILE_WIDTH);
}

/** The stored nodes a tile is made of: tree level 8·L, indices 256·N to 256·N + W − 1. */
export function tileNodes(tile: Tile): TreeNode[] {
  if (!validTile(tile)) throw new RangeError('not a tile');
  const first = tile.index * TILE_WIDTH;
  return Array.from({ length: tile.width }, (_, i) => ({ level: tile.level * TILE_HEIGHT, index: first + i }));
}

/** A tile's contents: its hashes concatenated, 32 bytes each (8,192 bytes when full). */
export async function readTile(reader: HashReader, tile: Tile): Promise<Buffer> {
  return Buffer.concat(await reader.hashesAt(tileNodes(tile)));
}

function validTile({ level, index, width }: Tile): boolean {
  return Number.isInteger(level) && level >= 0 && level <= 63 && Number.isSafeInteger(index) && index >= 0 && Number.isInteger(width) && width >= 1 && width <= TILE_WIDTH;
}

function widthSuffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new RangeError(`tile width ${width} is not 1–256`);
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}
