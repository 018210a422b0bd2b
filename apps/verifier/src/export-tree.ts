import { HashReader, nodeHash, StoredNode, TreeAppender, TreeNode } from '@app/ledger-crypto';
import { exportLines } from './export-lines';

/** Nodes from this level up are kept (a 256-leaf block each at the lowest): 1/128 of the tree's nodes. */
const KEPT_FROM_LEVEL = 8;
const BLOCK = 2 ** KEPT_FROM_LEVEL;

/**
 * The Merkle tree of an export's first `size` lines, as a `HashReader`, so `firstDifference`
 * can compare it with the log's tiles. Built in one streaming pass; it keeps the nodes of
 * level 8 and up and the byte offset of every 256th line (about size/4 bytes), and rehashes
 * the one 256-line block a lower node lies in from the file when asked.
 */
export class ExportTree implements HashReader {
  private readonly kept: Buffer[][] = [];
  private readonly blockOffsets: number[] = [];
  private cached?: { block: number; leaves: Buffer[] };
  private leaves = 0;

  constructor(private readonly path: string) {}

  /** Number of leaves in the tree. */
  get size(): number {
    return this.leaves;
  }

  /** Records one line appended to the appender: the nodes it completed and where the line starts. */
  add(offset: number, completed: readonly StoredNode[]): void {
    if (this.leaves % BLOCK === 0) this.blockOffsets.push(offset);
    for (const node of completed) {
      if (node.level >= KEPT_FROM_LEVEL) (this.kept[node.level] ??= []).push(node.hash);
    }
    this.leaves += 1;
  }

  async hashesAt(nodes: readonly TreeNode[]): Promise<Buffer[]> {
    const out: Buffer[] = [];
    for (const node of nodes) {
      const width = 2 ** node.level;
      if ((node.index + 1) * width > this.leaves) throw new Error(`node ${node.level}/${node.index} is not in the export's tree of ${this.leaves}`);
      if (node.level >= KEPT_FROM_LEVEL) {
        out.push(this.kept[node.level][node.index]);
        continue;
      }
      const first = node.index * width;
      const block = Math.floor(first / BLOCK);
      const leaves = await this.blockLeaves(block);
      out.push(perfectRoot(leaves.slice(first - block * BLOCK, first - block * BLOCK + width)));
    }
    return out;
  }

  private async blockLeaves(block: number): Promise<Buffer[]> {
    if (this.cached?.block === block) return this.cached.leaves;
    const leaves: Buffer[] = [];
    const maxLines = Math.min(BLOCK, this.leaves - block * BLOCK);
    for await (const line of exportLines(this.path, { start: this.blockOffsets[block], maxLines })) leaves.push(line.hash);
    if (leaves.length !== maxLines) throw new Error(`the export changed while it was read (block ${block})`);
    this.cached = { block, leaves };
    return leaves;
  }
}

/** One streaming pass over an export: the tree of its first `size` lines, its roots at the sizes asked, and its line count. */
export async function readExport(path: string, size: number, rootsAt: readonly number[]): Promise<{ tree: ExportTree; lines: number; roots: Map<number, Buffer> }> {
  const appender = TreeAppender.empty();
  const tree = new ExportTree(path);
  const wanted = new Set(rootsAt);
  const roots = new Map<number, Buffer>();
  if (wanted.has(0)) roots.set(0, appender.root());
  let lines = 0;
  for await (const line of exportLines(path)) {
    lines += 1;
    if (lines > size) continue;
    tree.add(line.offset, appender.append(line.hash));
    if (wanted.has(lines)) roots.set(lines, appender.root());
  }
  return { tree, lines, roots };
}

function perfectRoot(row: Buffer[]): Buffer {
  let level = row;
  while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => nodeHash(level[2 * i], level[2 * i + 1]));
  return level[0];
}
