import { HashReader, TreeNode } from './hash-reader';
import { nodeHash } from './hashing';
import { Tile, TILE_HEIGHT, TILE_WIDTH, tileInTree } from './tiles';

/** Reads one tile's contents (concatenated 32-byte hashes), e.g. over HTTP from a tlog-tiles log. */
export type TileFetcher = (tile: Tile) => Promise<Buffer>;

/**
 * A HashReader over the tiles of a tree of `size` leaves: what a tlog-tiles client does to
 * build proofs. Each tile is fetched once per call; levels between a tile's row of hashes
 * and the row above are rehashed from that row (tlog-tiles §Merkle Tree).
 */
export function tileHashReader(size: number, fetchTile: TileFetcher): HashReader {
  return {
    async hashesAt(nodes: readonly TreeNode[]): Promise<Buffer[]> {
      const wanted = nodes.map((node) => locate(node, size));
      const tiles = new Map<string, Promise<Buffer>>();
      const contents = await Promise.all(
        wanted.map(({ tile }) => {
          const key = `${tile.level}/${tile.index}/${tile.width}`;
          if (!tiles.has(key)) tiles.set(key, fetchTile(tile));
          return tiles.get(key) as Promise<Buffer>;
        }),
      );
      return wanted.map(({ tile, first, count }, i) => {
        const data = contents[i];
        if (data.length !== tile.width * 32) throw new Error(`tile ${tile.level}/${tile.index} has ${data.length} bytes, not ${tile.width * 32}`);
        const row = Array.from({ length: count }, (_, j) => data.subarray((first + j) * 32, (first + j + 1) * 32));
        return perfectRoot(row);
      });
    },
  };
}

/** The tile holding a node's descendants at the tile's bottom level, and where they sit in it. */
function locate(node: TreeNode, size: number): { tile: Tile; first: number; count: number } {
  const tileLevel = Math.floor(node.level / TILE_HEIGHT);
  const count = 2 ** (node.level - tileLevel * TILE_HEIGHT);
  const start = node.index * count;
  const index = Math.floor(start / TILE_WIDTH);
  const full: Tile = { level: tileLevel, index, width: TILE_WIDTH };
  // The full tile when the tree has it, else the partial tile of this size.
  const tile = tileInTree(full, size) ? full : { ...full, width: Math.floor(size / TILE_WIDTH ** tileLevel) % TILE_WIDTH };
  if (tile.width === 0 || !tileInTree(tile, size) || start - index * TILE_WIDTH + count > tile.width) {
    throw new Error(`node ${node.level}/${node.index} is not in a tree of ${size}`);
  }
  return { tile, first: start - index * TILE_WIDTH, count };
}

/** The root of a complete subtree from its bottom row (a power-of-two count of hashes). */
function perfectRoot(row: Buffer[]): Buffer {
  let level = row;
  while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => nodeHash(level[2 * i], level[2 * i + 1]));
  return level[0];
}
