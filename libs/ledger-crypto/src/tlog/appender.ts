import { emptyRoot, isHash, nodeHash } from './hashing';
import { HashReader, StoredNode } from './hash-reader';
import { rangeNodes } from './tree-nodes';

/**
 * Grows the tree one leaf at a time, keeping only its right edge (the roots of the
 * complete subtrees covering the leaves so far, at most log2 n hashes). Each append
 * returns the nodes that became complete, the leaf first: a store only ever appends them.
 */
export class TreeAppender {
  private constructor(
    private leaves: number,
    private readonly edge: StoredNode[],
  ) {}

  static empty(): TreeAppender {
    return new TreeAppender(0, []);
  }

  /** Picks up a stored tree of `size` leaves: reads its right edge (O(log size) nodes, one call). */
  static async resume(reader: HashReader, size: number): Promise<TreeAppender> {
    if (size === 0) return TreeAppender.empty();
    const nodes = rangeNodes({ start: 0, end: size });
    const hashes = await reader.hashesAt(nodes);
    return new TreeAppender(
      size,
      nodes.map((node, i) => ({ ...node, hash: hashes[i] })),
    );
  }

  /** Number of leaves appended so far. */
  get size(): number {
    return this.leaves;
  }

  /** Appends one leaf hash; returns the leaf node and every subtree it completes, bottom up. */
  append(leafHash: Buffer): StoredNode[] {
    if (!isHash(leafHash)) throw new Error('a leaf hash is 32 bytes');
    let node: StoredNode = { level: 0, index: this.leaves, hash: leafHash };
    const completed = [node];
    while (node.index % 2 === 1) {
      const left = this.edge.pop();
      if (!left || left.level !== node.level) throw new Error('tree edge out of step with its size');
      node = { level: node.level + 1, index: (node.index - 1) / 2, hash: nodeHash(left.hash, node.hash) };
      completed.push(node);
    }
    this.edge.push(node);
    this.leaves += 1;
    return completed;
  }

  /** Appends many leaf hashes; returns all completed nodes in order. */
  appendAll(leafHashes: readonly Buffer[]): StoredNode[] {
    return leafHashes.flatMap((hash) => this.append(hash));
  }

  /** The root of the tree so far (RFC 9162 §2.1.1), from the right edge alone. */
  root(): Buffer {
    if (this.edge.length === 0) return emptyRoot();
    return this.edge.map((n) => n.hash).reduceRight((right, left) => nodeHash(left, right));
  }
}
