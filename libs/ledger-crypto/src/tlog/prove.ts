import { LedgerError } from '@app/contracts';
import { emptyRoot, nodeHash } from './hashing';
import { HashReader } from './hash-reader';
import { consistencyRanges, inclusionRanges, LeafRange, rangeNodes } from './tree-nodes';

/** A proof request outside the tree: a route should check its query first and answer 400 naming the field. */
export class ProofRangeError extends LedgerError {
  constructor(message: string) {
    super('TLOG.PROOF_OUT_OF_RANGE', message);
  }
}

const validSize = (x: number): boolean => Number.isSafeInteger(x) && x >= 0;

/** RFC 9162 §2.1.1: the root of the first `size` leaves, from O(log size) stored nodes. */
export async function treeRoot(reader: HashReader, size: number): Promise<Buffer> {
  if (!validSize(size)) throw new ProofRangeError(`tree size ${size} is not a size`);
  if (size === 0) return emptyRoot();
  const [root] = await rangeHashes(reader, [{ start: 0, end: size }]);
  return root;
}

/** RFC 9162 §2.1.3.1: the inclusion proof of leaf `index` in the tree of `size` leaves (O(log size) reads, one call). */
export async function inclusionProof(reader: HashReader, index: number, size: number): Promise<Buffer[]> {
  if (!validSize(index) || !validSize(size) || index >= size) throw new ProofRangeError(`leaf ${index} is not in a tree of ${size}`);
  return rangeHashes(reader, inclusionRanges(index, size));
}

/** RFC 9162 §2.1.4.1: the consistency proof from the tree of `size1` leaves to that of `size2` (empty when equal). */
export async function consistencyProof(reader: HashReader, size1: number, size2: number): Promise<Buffer[]> {
  if (!validSize(size1) || !validSize(size2) || size1 === 0 || size1 > size2) {
    throw new ProofRangeError(`no consistency proof from a tree of ${size1} to one of ${size2}`);
  }
  return rangeHashes(reader, consistencyRanges(size1, size2));
}

/** Reads every node the ranges need in one call, then folds each range's nodes from the right. */
async function rangeHashes(reader: HashReader, ranges: readonly LeafRange[]): Promise<Buffer[]> {
  const perRange = ranges.map(rangeNodes);
  const hashes = await reader.hashesAt(perRange.flat());
  let at = 0;
  return perRange.map((nodes) => {
    const own = hashes.slice(at, at + nodes.length);
    at += nodes.length;
    return own.reduceRight((right, left) => nodeHash(left, right));
  });
}
