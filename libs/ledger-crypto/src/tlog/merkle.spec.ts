import { TreeAppender } from './appender';
import { firstDifference } from './first-difference';
import { HashReader, MemoryHashStore, TreeNode } from './hash-reader';
import { emptyRoot, leafHash, nodeHash, rootOfLeafHashes } from './hashing';
import { consistencyProof, inclusionProof, ProofRangeError, treeRoot } from './prove';
import { verifyConsistency, verifyInclusion } from './verify';
import inclusionVectors from './testdata/inclusion.json';
import consistencyVectors from './testdata/consistency.json';
import reference from './testdata/rfc6962-reference.json';

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const leaves = reference.leafInputs.map(hex);

function storeOf(inputs: readonly Buffer[]): MemoryHashStore {
  const store = new MemoryHashStore();
  const appender = TreeAppender.empty();
  for (const input of inputs) store.store(appender.append(leafHash(input)));
  return store;
}

function syntheticLeaves(n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i}`));
}

describe('RFC 6962 hashing (transparency-dev/merkle reference tree of 8 leaves)', () => {
  it('gives the reference root for every prefix, the empty tree included', () => {
    reference.rootHashes.forEach((root, size) => {
      expect(rootOfLeafHashes(leaves.slice(0, size).map((l) => leafHash(l))).toString('hex')).toBe(root);
    });
    expect(emptyRoot().toString('hex')).toBe(reference.emptyRootHash);
  });

  it('stores exactly the reference node hashes of every complete subtree', async () => {
    const store = storeOf(leaves);
    for (const [level, hashes] of reference.nodeHashes.entries()) {
      const got = await store.hashesAt(hashes.map((_, index) => ({ level, index })));
      expect(got.map((h) => h.toString('hex'))).toEqual(hashes);
    }
  });

  it('computes each prefix root from stored nodes, and from the appender edge', async () => {
    const store = storeOf(leaves);
    const appender = TreeAppender.empty();
    for (let size = 0; size <= leaves.length; size++) {
      expect((await treeRoot(store, size)).toString('hex')).toBe(reference.rootHashes[size]);
      expect(appender.root().toString('hex')).toBe(reference.rootHashes[size]);
      if (size < leaves.length) appender.append(leafHash(leaves[size]));
    }
  });

  it('hashes leaves and nodes with distinct prefixes', () => {
    const a = leafHash('a');
    expect(leafHash(Buffer.concat([a, a]))).not.toEqual(nodeHash(a, a));
  });
});

describe('inclusion proof vectors (transparency-dev/merkle testdata/inclusion)', () => {
  const vectors = inclusionVectors.vectors;

  it.each(vectors.map((v) => [v.file, v] as const))('%s verifies only when it should', (_file, v) => {
    const check = verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64), b64(v.root));
    expect(check.ok).toBe(!v.wantErr);
  });

  it('has good and bad cases', () => {
    expect(vectors.filter((v) => !v.wantErr).length).toBeGreaterThanOrEqual(5);
    expect(vectors.filter((v) => v.wantErr).length).toBeGreaterThanOrEqual(80);
  });

  it('generates the very proofs of the good vectors over the reference tree', async () => {
    const store = storeOf(leaves);
    const onReference = vectors.filter((v) => !v.wantErr && v.treeSize <= 8 && b64(v.root).toString('hex') === reference.rootHashes[v.treeSize]);
    expect(onReference.length).toBeGreaterThanOrEqual(5);
    for (const v of onReference) {
      const proof = await inclusionProof(store, v.leafIdx, v.treeSize);
      expect(proof.map((h) => h.toString('base64'))).toEqual(v.proof ?? []);
    }
  });
});

describe('consistency proof vectors (transparency-dev/merkle testdata/consistency)', () => {
  const vectors = consistencyVectors.vectors;

  it.each(vectors.map((v) => [v.file, v] as const))('%s verifies only when it should', (_file, v) => {
    const check = verifyConsistency(v.size1, v.size2, (v.proof ?? []).map(b64), b64(v.root1), b64(v.root2));
    expect(check.ok).toBe(!v.wantErr);
  });

  it('generates the very proofs of the good vectors over the reference tree', async () => {
    const store = storeOf(leaves);
    const onReference = vectors.filter((v) => !v.wantErr && v.size2 <= 8 && b64(v.root2).toString('hex') === reference.rootHashes[v.size2]);
    expect(onReference.length).toBeGreaterThanOrEqual(5);
    for (const v of onReference) {
      const proof = await consistencyProof(store, v.size1, v.size2);
      expect(proof.map((h) => h.toString('base64'))).toEqual(v.proof ?? []);
    }
  });
});

describe('when proofs are generated from a stored tree', () => {
  const inputs = syntheticLeaves(70);
  const store = storeOf(inputs);
  const roots = Array.from({ length: inputs.length + 1 }, (_, n) => rootOfLeafHashes(inputs.slice(0, n).map((l) => leafHash(l))));

  it('every leaf of every tree size has an inclusion proof that verifies, and fails for another leaf', async () => {
    for (let size = 1; size <= inputs.length; size++) {
      for (let index = 0; index < size; index++) {
        const proof = await inclusionProof(store, index, size);
        expect(verifyInclusion(index, size, leafHash(inputs[index]), proof, roots[size])).toEqual({ ok: true });
        expect(verifyInclusion(index, size, leafHash(inputs[(index + 1) % inputs.length]), proof, roots[size]).ok).toBe(false);
      }
    }
  });

  it('every pair of tree sizes has a consistency proof that verifies, and fails against a changed root', async () => {
    for (let size2 = 1; size2 <= inputs.length; size2++) {
      for (let size1 = 1; size1 <= size2; size1++) {
        const proof = await consistencyProof(store, size1, size2);
        expect(verifyConsistency(size1, size2, proof, roots[size1], roots[size2])).toEqual({ ok: true });
        if (size1 < size2) expect(verifyConsistency(size1, size2, proof, roots[size1 - 1] ?? emptyRoot(), roots[size2]).ok).toBe(false);
      }
    }
  });

  it('refuses proofs outside the tree', async () => {
    await expect(inclusionProof(store, 5, 5)).rejects.toBeInstanceOf(ProofRangeError);
    await expect(consistencyProof(store, 0, 5)).rejects.toBeInstanceOf(ProofRangeError);
    await expect(consistencyProof(store, 6, 5)).rejects.toBeInstanceOf(ProofRangeError);
  });
});

describe('when the log is large', () => {
  // Answers any node with a made-up hash, counting what is asked: proofs must read O(log n) nodes in one call.
  class CountingReader implements HashReader {
    calls = 0;
    nodes: TreeNode[] = [];
    async hashesAt(nodes: readonly TreeNode[]): Promise<Buffer[]> {
      this.calls += 1;
      this.nodes.push(...nodes);
      return nodes.map((n) => leafHash(`${n.level}/${n.index}`));
    }
  }
  const size = 2 ** 40 + 12_345;

  it('reads at most 2·log2(n) nodes in one call per proof, beyond 32-bit indices', async () => {
    for (const build of [
      (r: HashReader) => inclusionProof(r, size - 1, size),
      (r: HashReader) => inclusionProof(r, 2 ** 33 + 7, size),
      (r: HashReader) => consistencyProof(r, 2 ** 39 + 3, size),
      (r: HashReader) => treeRoot(r, size),
    ]) {
      const reader = new CountingReader();
      await build(reader);
      expect(reader.calls).toBe(1);
      expect(reader.nodes.length).toBeLessThanOrEqual(2 * 41);
      for (const node of reader.nodes) expect((node.index + 1) * 2 ** node.level).toBeLessThanOrEqual(size);
    }
  });

  it('resumes appending from the stored right edge', async () => {
    const inputs = syntheticLeaves(300);
    const store = storeOf(inputs.slice(0, 211));
    const resumed = await TreeAppender.resume(store, 211);
    store.store(resumed.appendAll(inputs.slice(211).map((l) => leafHash(l))));
    expect(resumed.root()).toEqual(rootOfLeafHashes(inputs.map((l) => leafHash(l))));
    expect(await treeRoot(store, 300)).toEqual(resumed.root());
  });
});

describe('when two trees are compared', () => {
  const inputs = syntheticLeaves(1000);

  it.each([0, 1, 511, 512, 777, 999])('names leaf %i as the first that differs', async (tampered) => {
    const changed = inputs.map((l, i) => (i === tampered ? Buffer.concat([l, Buffer.from('!')]) : l));
    expect(await firstDifference(storeOf(inputs), storeOf(changed), inputs.length)).toBe(tampered);
  });

  it('finds no difference between equal trees, nor in a prefix before the change', async () => {
    const changed = inputs.map((l, i) => (i === 600 ? Buffer.from('other') : l));
    expect(await firstDifference(storeOf(inputs), storeOf(inputs), inputs.length)).toBeUndefined();
    expect(await firstDifference(storeOf(inputs), storeOf(changed), 600)).toBeUndefined();
    expect(await firstDifference(storeOf(inputs), storeOf(changed), 601)).toBe(600);
  });
});
