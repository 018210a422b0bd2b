import { HashReader, StoredNode, TreeNode } from '@app/ledger-crypto';
import { ReadStore, ReadTx } from '@app/read-store';

/** The verifiable log's read model: documents in the read store, written only by LedgerTreeProjection. */
export const TreeCollections = {
  /** One document per complete subtree, id `<level>/<index>`; leaves (level 0) also hold their global position. */
  nodes: 'ledger-log.nodes',
  /** Global position → leaf index, for the leaves not at position index + 1 (EventStoreDB, a sequence gap); the others are found from their node. */
  positions: 'ledger-log.positions',
  /** The tree head (`head`): size, root, last position; committed with the nodes. */
  tree: 'ledger-log.tree',
  /** Every signed checkpoint the log holds, id = tree size. */
  checkpoints: 'ledger-log.checkpoints',
} as const;

export const TREE_PROJECTION = 'ledger-log.tree';

export interface NodeDoc {
  /** Base64 of the node's hash. */
  h: string;
  /** Leaves only: the event's global position. */
  p?: number;
}

export interface SignedCheckpoint {
  origin: string;
  treeSize: number;
  rootHash: string;
  note: string;
  /** The leaf of the LedgerCheckpointSigned event that carries it. */
  leaf: number;
}

export interface TreeHead {
  /** Leaves in the tree. */
  size: number;
  /** Base64 root of those leaves. */
  root: string;
  /** Global position of the last leaf (0 when empty). */
  position: number;
  /** Leaves up to the last event that is not a checkpoint: a checkpoint is due only when this passes the last one's size. */
  contentSize: number;
  /** The newest signed checkpoint the tree holds. */
  latest?: SignedCheckpoint;
}

export const EMPTY_HEAD: TreeHead = { size: 0, root: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=', position: 0, contentSize: 0 };

/** Ids sort as numbers: fixed width, enough for 2^53. */
const pad = (n: number): string => String(n).padStart(16, '0');
export const nodeId = (node: TreeNode): string => `${node.level}/${pad(node.index)}`;
export const positionId = (position: number): string => pad(position);
export const checkpointId = (size: number): string => pad(size);

/** Reads of the tree as the projection committed it; every HashReader call is one read-store query. */
export class TreeStore implements HashReader {
  constructor(private readonly reads: ReadStore) {}

  async head(): Promise<TreeHead> {
    return (await this.reads.get<TreeHead>(TreeCollections.tree, 'head')) ?? EMPTY_HEAD;
  }

  async hashesAt(nodes: readonly TreeNode[]): Promise<Buffer[]> {
    const docs = await this.reads.getMany<NodeDoc>(TreeCollections.nodes, nodes.map(nodeId));
    return docs.map((doc, i) => {
      if (!doc) throw new Error(`tree node ${nodes[i].level}/${nodes[i].index} is not stored`);
      return Buffer.from(doc.h, 'base64');
    });
  }

  /** Global positions of the leaves `first` to `first + count - 1` (all must be stored). */
  async leafPositions(first: number, count: number): Promise<number[]> {
    const ids = Array.from({ length: count }, (_, i) => nodeId({ level: 0, index: first + i }));
    const docs = await this.reads.getMany<NodeDoc>(TreeCollections.nodes, ids);
    return docs.map((doc, i) => {
      if (doc?.p === undefined) throw new Error(`leaf ${first + i} is not stored`);
      return doc.p;
    });
  }

  /** The leaf index of the event at a global position, when the tree holds it. */
  async leafAt(position: number): Promise<number | undefined> {
    // Most leaves sit at position - 1 (see writeNodes): that leaf's node says whether it holds this position.
    const guess = position - 1;
    if (guess >= 0 && (await this.reads.get<NodeDoc>(TreeCollections.nodes, nodeId({ level: 0, index: guess })))?.p === position) return guess;
    return (await this.reads.get<{ leaf: number }>(TreeCollections.positions, positionId(position)))?.leaf;
  }

  async checkpoint(size: number): Promise<SignedCheckpoint | undefined> {
    return this.reads.get<SignedCheckpoint>(TreeCollections.checkpoints, checkpointId(size));
  }

  /** Checkpoints from the oldest, after tree size `after` (paging). */
  async checkpointsAfter(after: number, limit: number): Promise<SignedCheckpoint[]> {
    return this.reads.find<SignedCheckpoint>(TreeCollections.checkpoints, {}, { afterId: checkpointId(after), limit });
  }
}

/** The writes of one batch, inside the projection's transaction. */
export async function writeNodes(tx: ReadTx, nodes: readonly StoredNode[], positions: ReadonlyMap<number, number>): Promise<void> {
  for (const node of nodes) {
    const position = node.level === 0 ? positions.get(node.index) : undefined;
    await tx.put<NodeDoc>(TreeCollections.nodes, nodeId(node), position === undefined ? { h: node.hash.toString('base64') } : { h: node.hash.toString('base64'), p: position });
    // A leaf at position index + 1 (every leaf of a log whose positions run 1, 2, 3…: SQLite, PostgreSQL
    // until a sequence gap) is found from its own node; only the others need a position → leaf entry.
    if (position !== undefined && position !== node.index + 1) await tx.put(TreeCollections.positions, positionId(position), { leaf: node.index });
  }
}
