import { inclusionProof, leafHash, TreeAppender, verifyInclusion } from '@app/ledger-crypto';
import { ReadStore } from '@app/read-store';
import { CheckpointProofs } from './checkpoint-proofs';
import { nodeId, NodeDoc, SignedCheckpoint, TreeStore } from './tree-store';

/** A tree of `size` leaves held as the projection stores it (leaf i = the event at position i + 1), with the roots of every size on the way. */
function storedTree(size: number) {
  const docs = new Map<string, NodeDoc>();
  const roots: Buffer[] = [];
  const appender = TreeAppender.empty();
  for (let i = 0; i < size; i++) {
    for (const node of appender.append(leafHash(`event ${i}`))) {
      docs.set(nodeId(node), node.level === 0 ? { h: node.hash.toString('base64'), p: node.index + 1 } : { h: node.hash.toString('base64') });
    }
    roots.push(appender.root());
  }
  const reads = { getMany: async (_: string, ids: readonly string[]) => ids.map((id) => docs.get(id)) } as unknown as ReadStore;
  const store = new TreeStore(reads);
  const checkpointAt = (treeSize: number): SignedCheckpoint => ({ origin: 'test', treeSize, rootHash: roots[treeSize - 1].toString('base64'), note: 'note', leaf: 0 });
  return { docs, reads, store, checkpointAt };
}

const refuse = (message: string) => new Error(message);

describe('CheckpointProofs', () => {
  const tree = storedTree(1300);

  describe.each([1, 255, 256, 257, 511, 512, 513, 1024, 1100, 1300])('when the checkpoint covers %i leaves', (size) => {
    it('answers for every leaf the proof the stored tree gives, and it verifies against the root', async () => {
      const proofs = new CheckpointProofs(tree.checkpointAt(size), tree.store, tree.reads, refuse);
      const root = Buffer.from(tree.checkpointAt(size).rootHash, 'base64');
      for (let leaf = 0; leaf < size; leaf += leaf < 600 ? 1 : 37) {
        const answer = await proofs.prove(leaf, leaf + 1);
        const expected = (await inclusionProof(tree.store, leaf, size)).map((h) => h.toString('base64'));
        expect(answer).toEqual({ leafIndex: leaf, leafHash: tree.docs.get(nodeId({ level: 0, index: leaf }))!.h, hashes: expected });
        const check = verifyInclusion(leaf, size, Buffer.from(answer!.leafHash, 'base64'), answer!.hashes.map((h) => Buffer.from(h, 'base64')), root);
        expect(check).toEqual({ ok: true });
      }
    });
  });

  describe('when the guessed leaf holds another event or lies outside the checkpoint', () => {
    it('answers nothing, so that the caller looks the leaf up', async () => {
      const proofs = new CheckpointProofs(tree.checkpointAt(1000), tree.store, tree.reads, refuse);
      await expect(proofs.prove(10, 12)).resolves.toBeUndefined();
      await expect(proofs.prove(999, 5)).resolves.toBeUndefined();
      await expect(proofs.prove(1000, 1001)).resolves.toBeUndefined();
      await expect(proofs.prove(-1, 0)).resolves.toBeUndefined();
    });
  });

  describe('when a stored node no longer matches the checkpoint', () => {
    it('refuses to answer for the leaves whose path crosses it, also once the block path is kept', async () => {
      const broken = storedTree(1024);
      const proofs = new CheckpointProofs(broken.checkpointAt(1024), broken.store, broken.reads, refuse);
      await expect(proofs.prove(3, 4)).resolves.toBeDefined();
      broken.docs.set(nodeId({ level: 1, index: 0 }), { h: Buffer.alloc(32, 7).toString('base64') });
      await expect(proofs.prove(3, 4)).rejects.toThrow('does not verify');
      await expect(proofs.prove(700, 701)).resolves.toBeDefined();
      const fresh = new CheckpointProofs(broken.checkpointAt(1024), broken.store, broken.reads, refuse);
      await expect(fresh.prove(2, 3)).rejects.toThrow('does not verify');
    });

    it('refuses a checkpoint whose root the tree does not have', async () => {
      const forged = { ...tree.checkpointAt(1024), rootHash: tree.checkpointAt(1023).rootHash };
      await expect(new CheckpointProofs(forged, tree.store, tree.reads, refuse).prove(5, 6)).rejects.toThrow('does not verify');
    });
  });
});
