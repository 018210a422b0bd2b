import { Injectable, Logger } from '@nestjs/common';
import { LedgerError, NotFoundError, RequestValidationError } from '@app/contracts';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Inject } from '@nestjs/common';
import {
  bundleInTree, consistencyProof, EntryBundle, encodeEntryBundle, inclusionProof, leafHash, leafInput, readTile, Tile, tileInTree, tileNodes, treeRoot,
  verifyConsistency, verifyInclusion,
} from '@app/ledger-crypto';
import { CheckpointProofs } from './checkpoint-proofs';
import { nodeId, NodeDoc, SignedCheckpoint, TreeCollections } from './tree-store';
import { LedgerTreeProjection } from './tree.projection';
import { READ_STORE, ReadStore } from '@app/read-store';

export interface InclusionAnswer {
  leafIndex: number;
  treeSize: number;
  /** Base64 leaf hash (SHA-256(0x00 ‖ leaf input)). */
  leafHash: string;
  /** Base64 audit path, RFC 9162 §2.1.3.1. */
  hashes: string[];
  rootHash: string;
  /** The signed checkpoint of treeSize the proof was verified against. */
  checkpoint: string;
}

export interface ConsistencyAnswer {
  from: number;
  to: number;
  fromRootHash: string;
  toRootHash: string;
  hashes: string[];
  checkpoint: string;
}

/** A proof that failed its own check against the checkpoint: never served. */
export class LedgerLogInconsistentError extends LedgerError {
  constructor(message: string) {
    super('LEDGER_LOG.INCONSISTENT', message);
  }
}

const b64 = (b: Buffer) => b.toString('base64');

/** Proofs, tiles and entry bundles of the verifiable log, each checked against a signed checkpoint before it is answered. */
@Injectable()
export class LedgerProofs {
  private readonly logger = new Logger(LedgerProofs.name);

  constructor(
    private readonly tree: LedgerTreeProjection,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
  ) {}

  /** The newest signed checkpoint the tree holds (404 before the first). */
  async latest(): Promise<SignedCheckpoint> {
    const latest = (await this.tree.store.head()).latest;
    if (!latest) throw new NotFoundError('checkpoint', 'LEDGER_LOG.NO_CHECKPOINT');
    return latest;
  }

  /** The checkpoint of `size` (the latest when undefined); a size no checkpoint was signed at is refused naming `field`. */
  async checkpointOf(size: number | undefined, field: string): Promise<SignedCheckpoint> {
    if (size === undefined) return this.latest();
    const checkpoint = await this.tree.store.checkpoint(size);
    if (!checkpoint) throw new RequestValidationError([{ field, message: `${field} must be the size of a signed checkpoint (GET /v1/ledger/checkpoint)` }]);
    return checkpoint;
  }

  async inclusion(index: number, treeSize?: number): Promise<InclusionAnswer> {
    const checkpoint = await this.checkpointOf(treeSize, 'treeSize');
    if (index >= checkpoint.treeSize) throw new RequestValidationError([{ field: 'index', message: `index must be below the tree size ${checkpoint.treeSize}` }]);
    return this.inclusionIn(index, checkpoint);
  }

  async inclusionIn(index: number, checkpoint: SignedCheckpoint): Promise<InclusionAnswer> {
    const [[leaf], proof] = await Promise.all([this.tree.store.hashesAt([{ level: 0, index }]), inclusionProof(this.tree.store, index, checkpoint.treeSize)]);
    const root = Buffer.from(checkpoint.rootHash, 'base64');
    const check = verifyInclusion(index, checkpoint.treeSize, leaf, proof, root);
    if (!check.ok) throw this.inconsistent(`inclusion proof of leaf ${index} in ${checkpoint.treeSize} does not verify (${check.reason})`);
    return { leafIndex: index, treeSize: checkpoint.treeSize, leafHash: b64(leaf), hashes: proof.map(b64), rootHash: checkpoint.rootHash, checkpoint: checkpoint.note };
  }

  async consistency(from: number, to?: number): Promise<ConsistencyAnswer> {
    const checkpoint = await this.checkpointOf(to, 'to');
    if (from > checkpoint.treeSize) throw new RequestValidationError([{ field: 'from', message: `from must not exceed to (${checkpoint.treeSize})` }]);
    const [proof, fromRoot] = await Promise.all([consistencyProof(this.tree.store, from, checkpoint.treeSize), treeRoot(this.tree.store, from)]);
    const toRoot = Buffer.from(checkpoint.rootHash, 'base64');
    const check = verifyConsistency(from, checkpoint.treeSize, proof, fromRoot, toRoot);
    if (!check.ok) throw this.inconsistent(`consistency proof from ${from} to ${checkpoint.treeSize} does not verify (${check.reason})`);
    return { from, to: checkpoint.treeSize, fromRootHash: b64(fromRoot), toRootHash: checkpoint.rootHash, hashes: proof.map(b64), checkpoint: checkpoint.note };
  }

  /** A hash tile, when the latest checkpoint covers it. */
  async tile(tile: Tile): Promise<Buffer | undefined> {
    const latest = (await this.tree.store.head()).latest;
    if (!latest || !tileInTree(tile, latest.treeSize)) return undefined;
    return readTile(this.tree.store, tile);
  }

  /** An entry bundle (leaf inputs read back stored from the log), each entry checked against its leaf hash. */
  async entries(bundle: EntryBundle): Promise<Buffer | undefined> {
    const latest = (await this.tree.store.head()).latest;
    if (!latest || !bundleInTree(bundle, latest.treeSize)) return undefined;
    const nodes = tileNodes({ level: 0, index: bundle.index, width: bundle.width });
    const docs = await this.reads.getMany<NodeDoc>(TreeCollections.nodes, nodes.map(nodeId));
    if (docs.some((d) => d?.p === undefined)) throw this.inconsistent(`leaves of bundle ${bundle.index} are missing`);
    const events = await this.events.readAll({ after: docs[0]!.p! - 1, maxCount: docs.length, stored: true });
    const leaves = docs.map((doc, i) => {
      const event = events[i];
      const leaf = event && event.position === doc!.p ? leafInput(event) : undefined;
      if (!leaf || !leafHash(leaf).equals(Buffer.from(doc!.h, 'base64'))) throw this.inconsistent(`leaf ${nodes[i].index} does not match the event stored at position ${doc!.p}`);
      return leaf;
    });
    return encodeEntryBundle(leaves);
  }

  /** Proofs against the latest checkpoint, kept until a newer one is signed. */
  private proofs?: CheckpointProofs;
  /** Global position minus leaf index as last seen: a leaf is guessed from it before it is looked up. */
  private offset = 1;
  /** Guesses that held and that did not: on a log whose positions are not consecutive (EventStoreDB), guessing stops paying and stops. */
  private guesses = { hits: 0, misses: 0 };

  /**
   * The proof of the event at a global position against the latest checkpoint, or why there is
   * none yet. The latest checkpoint is the one the tree projection last committed in this
   * process (read from the store until it has run); the leaf is guessed from the last offset
   * between positions and leaves (equal on the embedded log) and looked up when the guessed
   * leaf holds another event.
   */
  async inclusionOfPosition(position: number): Promise<InclusionAnswer | { reason: string }> {
    const latest = this.tree.current.latest ?? (await this.tree.store.head()).latest;
    if (!latest) return { reason: 'no checkpoint has been signed yet' };
    const proofs = this.proofsFor(latest);
    const guess = this.guesses.misses <= this.guesses.hits + 10 ? position - this.offset : undefined;
    let proof = guess === undefined ? undefined : await proofs.prove(guess, position);
    if (proof) {
      this.guesses.hits++;
    } else {
      const leaf = await this.tree.store.leafAt(position);
      if (leaf === undefined) return { reason: 'the verifiable log has not reached this event yet' };
      // A right guess the checkpoint does not cover yet is no miss.
      if (guess !== undefined && guess !== leaf) this.guesses.misses++;
      this.offset = position - leaf;
      if (leaf >= latest.treeSize) return { reason: `the latest checkpoint (tree size ${latest.treeSize}) does not cover leaf ${leaf} yet` };
      proof = await proofs.prove(leaf, position);
      if (!proof) throw this.inconsistent(`leaf ${leaf} does not hold the event at position ${position}`);
    }
    return { ...proof, treeSize: latest.treeSize, rootHash: latest.rootHash, checkpoint: latest.note };
  }

  private proofsFor(latest: SignedCheckpoint): CheckpointProofs {
    const kept = this.proofs?.checkpoint;
    if (kept?.treeSize !== latest.treeSize || kept.rootHash !== latest.rootHash) {
      this.proofs = new CheckpointProofs(latest, this.tree.store, this.reads, (message) => this.inconsistent(message));
    }
    return this.proofs!;
  }

  private inconsistent(message: string): LedgerLogInconsistentError {
    this.logger.error({ detail: message }, 'verifiable log inconsistent: refusing to serve');
    return new LedgerLogInconsistentError(message);
  }
}
