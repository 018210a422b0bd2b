import { HashReader, TreeNode } from './hash-reader';
import { rangeNodes } from './tree-nodes';

/**
 * The first leaf index where two trees of `size` leaves differ, or undefined when they are
 * equal. Compares the complete subtrees covering the tree, then descends into the first
 * that differs: O(log size) reads from each side. Use it to name a tampered leaf, e.g. a
 * tree rebuilt from an export against the log's stored nodes or its tiles.
 */
export async function firstDifference(ours: HashReader, theirs: HashReader, size: number): Promise<number | undefined> {
  if (size === 0) return undefined;
  const top = rangeNodes({ start: 0, end: size });
  const [a, b] = await Promise.all([ours.hashesAt(top), theirs.hashesAt(top)]);
  const differing = top.find((_, i) => !a[i].equals(b[i]));
  if (!differing) return undefined;
  let node: TreeNode = differing;
  while (node.level > 0) {
    const left = { level: node.level - 1, index: node.index * 2 };
    const [[x], [y]] = await Promise.all([ours.hashesAt([left]), theirs.hashesAt([left])]);
    node = x.equals(y) ? { ...left, index: left.index + 1 } : left;
  }
  return node.index;
}
