/**
 * A complete subtree of the log: the 2^level leaves starting at leaf `index * 2^level`.
 * Level 0 nodes are leaf hashes. Only complete subtrees are ever stored: a node's hash
 * never changes once written, so a store of them only appends.
 */
export interface TreeNode {
  readonly level: number;
  readonly index: number;
}

/** A complete subtree with its hash, as the appender hands it to a store. */
export interface StoredNode extends TreeNode {
  readonly hash: Buffer;
}

/**
 * Port: reads stored hashes of complete subtrees, in the order asked. Proof and root
 * building ask once per call, for O(log n) nodes, so a store can answer with one query.
 * A node that is not stored (beyond the tree) is a bug in the caller: reject.
 */
export interface HashReader {
  hashesAt(nodes: readonly TreeNode[]): Promise<Buffer[]>;
}

/** An in-memory node store: for tests, tools and the offline verifier. */
export class MemoryHashStore implements HashReader {
  private readonly levels: Buffer[][] = [];

  /** Number of leaves stored. */
  get size(): number {
    return this.levels[0]?.length ?? 0;
  }

  /** Stores nodes as `TreeAppender.append` returns them; each must be the next at its level. */
  store(nodes: readonly StoredNode[]): void {
    for (const node of nodes) {
      const level = (this.levels[node.level] ??= []);
      if (node.index !== level.length) throw new Error(`node ${node.level}/${node.index} is not the next at its level (${level.length})`);
      level.push(node.hash);
    }
  }

  async hashesAt(nodes: readonly TreeNode[]): Promise<Buffer[]> {
    return nodes.map((node) => {
      const hash = this.levels[node.level]?.[node.index];
      if (!hash) throw new Error(`node ${node.level}/${node.index} is not stored`);
      return hash;
    });
  }
}
