import { inclusionProof, nodeHash, verifyInclusion } from '@app/ledger-crypto';
import { ReadStore } from '@app/read-store';
import { nodeId, NodeDoc, SignedCheckpoint, TreeCollections, TreeStore } from './tree-store';

/** Blocks of 2^8 leaves: below a block's node a proof is read per request, above it the path is kept per checkpoint. */
export const BLOCK_LEVEL = 8;
const BLOCK = 2 ** BLOCK_LEVEL;

/** The inclusion proof of one leaf, base64 as stored and as answered. */
export interface LeafProof {
  leafIndex: number;
  leafHash: string;
  /** RFC 9162 §2.1.3.1 audit path, from the leaf upwards. */
  hashes: string[];
}

interface BlockPath {
  /** The block's subtree hash, as the verified proof of its first leaf passed through it. */
  hash: Buffer;
  /** The audit path above the block, the same for each of its leaves. */
  upper: readonly string[];
}

const isEven = (x: number): boolean => x % 2 === 0;
// Indices go to 2^53: no bitwise operators (they cut to 32 bits).
const sibling = (index: number): number => (isEven(index) ? index + 1 : index - 1);

/**
 * Inclusion proofs against one signed checkpoint, answered from one read of the leaf and its
 * eight in-block siblings. A complete aligned block of 256 leaves is a node of every tree that
 * contains it (RFC 9162 §2.1.1 splits at powers of two), so a leaf's audit path is its path up
 * to the block's node followed by the block's path to the root, shared by the block's leaves.
 * That upper path is kept once the whole proof of the block's first leaf has verified against
 * the checkpoint's root; each answer then folds its leaf with its siblings and must arrive at
 * that same verified block hash, so every answer is checked from its leaf to the root.
 *
 * Holds at most one path per block of the checkpoint (~1 KB each: ~4 MB at 1,000,000 leaves).
 * Leaves in the last, incomplete block take the general path (proof read and verified whole).
 */
export class CheckpointProofs {
  private readonly blocks = new Map<number, BlockPath>();
  private readonly root: Buffer;

  constructor(
    readonly checkpoint: SignedCheckpoint,
    private readonly store: TreeStore,
    private readonly reads: ReadStore,
    /** Builds (and logs) the error that refuses to serve a proof that does not verify. */
    private readonly inconsistent: (message: string) => Error,
  ) {
    this.root = Buffer.from(checkpoint.rootHash, 'base64');
  }

  /**
   * The proof of `leaf`, provided the stored leaf is the event at `position`; undefined when the
   * leaf holds another position (or none), so a caller may guess the leaf and look it up on a miss.
   */
  async prove(leaf: number, position: number): Promise<LeafProof | undefined> {
    const size = this.checkpoint.treeSize;
    if (leaf < 0 || leaf >= size) return undefined;
    const block = Math.floor(leaf / BLOCK);
    if ((block + 1) * BLOCK > size) return this.proveWhole(leaf, position);
    const ids = [nodeId({ level: 0, index: leaf })];
    for (let level = 0, index = leaf; level < BLOCK_LEVEL; level++, index = Math.floor(index / 2)) ids.push(nodeId({ level, index: sibling(index) }));
    const [docs, path] = await Promise.all([this.reads.getMany<NodeDoc>(TreeCollections.nodes, ids), this.blockPath(block)]);
    const [leafDoc, ...siblings] = docs;
    if (leafDoc?.p !== position) return undefined;
    let hash: Buffer = Buffer.from(leafDoc.h, 'base64');
    for (let level = 0, index = leaf; level < BLOCK_LEVEL; level++, index = Math.floor(index / 2)) {
      const doc = siblings[level];
      if (!doc) throw this.inconsistent(`tree node ${ids[level + 1]} of the proof of leaf ${leaf} is not stored`);
      const other = Buffer.from(doc.h, 'base64');
      hash = isEven(index) ? nodeHash(hash, other) : nodeHash(other, hash);
    }
    if (!hash.equals(path.hash)) throw this.inconsistent(`inclusion proof of leaf ${leaf} in ${size} does not verify (block ${block})`);
    return { leafIndex: leaf, leafHash: leafDoc.h, hashes: [...siblings.map((d) => d!.h), ...path.upper] };
  }

  /** Leaves a kept path would not serve: the proof read whole and verified against the root. */
  private async proveWhole(leaf: number, position: number): Promise<LeafProof | undefined> {
    const size = this.checkpoint.treeSize;
    const [[leafDoc], proof] = await Promise.all([this.reads.getMany<NodeDoc>(TreeCollections.nodes, [nodeId({ level: 0, index: leaf })]), inclusionProof(this.store, leaf, size)]);
    if (leafDoc?.p !== position) return undefined;
    const check = verifyInclusion(leaf, size, Buffer.from(leafDoc.h, 'base64'), proof, this.root);
    if (!check.ok) throw this.inconsistent(`inclusion proof of leaf ${leaf} in ${size} does not verify (${check.reason})`);
    return { leafIndex: leaf, leafHash: leafDoc.h, hashes: proof.map((h) => h.toString('base64')) };
  }

  private async blockPath(block: number): Promise<BlockPath> {
    const known = this.blocks.get(block);
    if (known) return known;
    const size = this.checkpoint.treeSize;
    const first = block * BLOCK;
    const [[leaf], proof] = await Promise.all([this.store.hashesAt([{ level: 0, index: first }]), inclusionProof(this.store, first, size)]);
    const check = verifyInclusion(first, size, leaf, proof, this.root);
    if (!check.ok) throw this.inconsistent(`inclusion proof of leaf ${first} in ${size} does not verify (${check.reason})`);
    // The first leaf of a block is a left child at every level inside it.
    const hash = proof.slice(0, BLOCK_LEVEL).reduce((left, right) => nodeHash(left, right), leaf);
    const path = { hash, upper: proof.slice(BLOCK_LEVEL).map((h) => h.toString('base64')) };
    this.blocks.set(block, path);
    return path;
  }
}
