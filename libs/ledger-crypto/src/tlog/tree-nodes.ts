import { splitPoint } from './hashing';
import { TreeNode } from './hash-reader';

/** A run of leaves [start, end) whose Merkle Tree Hash is one proof element. */
export interface LeafRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The complete subtrees that make up MTH(D[start:end]), left to right, largest first.
 * Holds for every range RFC 9162 §2.1.1 splits a tree into (start is a multiple of a
 * power of two at least end - start): its hash is these nodes' hashes folded from the right.
 */
export function rangeNodes({ start, end }: LeafRange): TreeNode[] {
  const nodes: TreeNode[] = [];
  let at = start;
  while (at < end) {
    let width = 1;
    let level = 0;
    while (at % (width * 2) === 0 && at + width * 2 <= end) {
      width *= 2;
      level += 1;
    }
    nodes.push({ level, index: at / width });
    at += width;
  }
  return nodes;
}

/** RFC 9162 §2.1.3.1 PATH(m, D[0:n]): the ranges whose hashes form the inclusion proof, leaf end first. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  const out: LeafRange[] = [];
  const path = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      out.push({ start: start + k, end });
    } else {
      path(m - k, start + k, end);
      out.push({ start, end: start + k });
    }
  };
  path(index, 0, size);
  return out;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true): the ranges of a consistency proof. */
export function consistencyRanges(size1: number, size2: number): LeafRange[] {
  const out: LeafRange[] = [];
  const subproof = (m: number, start: number, end: number, whole: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!whole) out.push({ start, end });
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, whole);
      out.push({ start: start + k, end });
    } else {
      subproof(m - k, start + k, end, false);
      out.push({ start, end: start + k });
    }
  };
  if (size1 > 0 && size1 < size2) subproof(size1, 0, size2, true);
  return out;
}
