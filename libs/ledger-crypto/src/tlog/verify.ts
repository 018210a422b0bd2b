import { isHash, nodeHash } from './hashing';

/** Why a proof was refused; `undefined` means it verified. */
export type ProofFailure =
  | 'index-out-of-range'
  | 'size-out-of-range'
  | 'bad-hash'
  | 'proof-too-long'
  | 'proof-too-short'
  | 'proof-not-empty'
  | 'proof-empty'
  | 'root-mismatch';

/** The result of a proof check: `ok`, or the first reason it failed. */
export type ProofCheck = { ok: true } | { ok: false; reason: ProofFailure };

const ok: ProofCheck = { ok: true };
const fail = (reason: ProofFailure): ProofCheck => ({ ok: false, reason });

// Indices are JavaScript numbers (safe to 2^53): bitwise operators would cut them to 32 bits.
const odd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);
const validSize = (x: number): boolean => Number.isSafeInteger(x) && x >= 0;

/**
 * RFC 9162 §2.1.3.2: checks that `leaf` (a leaf hash) is entry `index` of the tree of
 * `size` leaves whose root is `root`, given the inclusion path from the leaf upwards.
 */
export function verifyInclusion(index: number, size: number, leaf: Buffer, proof: readonly Buffer[], root: Buffer): ProofCheck {
  if (!validSize(index) || !validSize(size) || index >= size) return fail('index-out-of-range');
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return fail('bad-hash');
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return fail('proof-too-long');
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('proof-too-short');
  return r.equals(root) ? ok : fail('root-mismatch');
}

/**
 * RFC 9162 §2.1.4.2: checks that the tree of `size1` leaves with root `root1` is a prefix
 * of the tree of `size2` leaves with root `root2`. Equal sizes need equal roots and an
 * empty proof; a proof from the empty tree proves nothing and is refused.
 */
export function verifyConsistency(size1: number, size2: number, proof: readonly Buffer[], root1: Buffer, root2: Buffer): ProofCheck {
  if (!validSize(size1) || !validSize(size2) || size1 === 0 || size1 > size2) return fail('size-out-of-range');
  if (size1 === size2) {
    if (proof.length > 0) return fail('proof-not-empty');
    return root1.equals(root2) ? ok : fail('root-mismatch');
  }
  if (proof.length === 0) return fail('proof-empty');
  if (!isHash(root1) || !isHash(root2) || !proof.every(isHash)) return fail('bad-hash');
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('proof-too-long');
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('proof-too-short');
  return fr.equals(root1) && sr.equals(root2) ? ok : fail('root-mismatch');
}

function isPowerOfTwo(x: number): boolean {
  let k = 1;
  while (k < x) k *= 2;
  return k === x;
}
