import { createHash } from 'node:crypto';

/** SHA-256: every hash in the log is 32 bytes. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** RFC 9162 §2.1.1: the hash of a leaf, SHA-256(0x00 || leaf input). */
export function leafHash(leaf: Uint8Array | string): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

/** RFC 9162 §2.1.1: the hash of an interior node, SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** RFC 9162 §2.1.1: the root of the empty tree, SHA-256 of nothing. */
export function emptyRoot(): Buffer {
  return createHash('sha256').digest();
}

/** The largest power of two smaller than n (n > 1): where RFC 9162 §2.1.1 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * RFC 9162 §2.1.1 MTH over leaf hashes held in memory. For tests, tools and small trees;
 * a stored log computes roots from its stored subtree hashes (see `treeRoot`).
 */
export function rootOfLeafHashes(hashes: readonly Buffer[]): Buffer {
  const mth = (start: number, end: number): Buffer => {
    if (end - start === 1) return hashes[start];
    const k = splitPoint(end - start);
    return nodeHash(mth(start, start + k), mth(start + k, end));
  };
  return hashes.length === 0 ? emptyRoot() : mth(0, hashes.length);
}

/** True when x is a hash of the right size. */
export function isHash(x: unknown): x is Buffer {
  return Buffer.isBuffer(x) && x.length === HASH_SIZE;
}
