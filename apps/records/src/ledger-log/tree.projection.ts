import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { LedgerCheckpointSigned, RecordedEvent } from '@app/contracts';
import { EVENT_STORE, EventStore, Subscription } from '@app/event-store';
import { fitsEntry, leafHash, leafInput, TreeAppender } from '@app/ledger-crypto';
import { CATCH_UP_BATCH_SIZE, GroupProgress, ProjectionRegistry, READ_STORE, ReadStore, ReadTx, RunnerStatus, StatusSource } from '@app/read-store';
import { checkpointId, EMPTY_HEAD, SignedCheckpoint, TREE_PROJECTION, TreeCollections, TreeHead, TreeStore, writeNodes } from './tree-store';

const BATCH = 1000;

/**
 * The verifiable log: an RFC 9162 Merkle tree over the global log, leaf i = the i-th event's
 * leafInput as stored (never the upcast view the subscription hands over, which only says
 * which positions arrived). Each batch is one read-store transaction holding the new nodes,
 * the position → leaf map, the tree head and the checkpoint, so a crash keeps all or none of
 * it and a replay finds its work done.
 *
 * Not a Projection of a ProjectionRunner: the runner parks an event it cannot apply and goes
 * on, and a tree missing a leaf would be wrong for every later proof. A failed batch here is
 * retried until it succeeds. It reports to /health, /metrics and /v1/projections as the group
 * `records.ledger-log` (failures, lag, stuck), like the projection groups.
 */
@Injectable()
export class LedgerTreeProjection implements OnApplicationBootstrap, BeforeApplicationShutdown, StatusSource {
  private readonly logger = new Logger(LedgerTreeProjection.name);
  private subscription?: Subscription;
  private appender?: TreeAppender;
  private head: TreeHead = EMPTY_HEAD;
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  private readonly listeners: ((head: TreeHead) => void)[] = [];
  readonly store: TreeStore;
  readonly group = 'records.ledger-log';
  private readonly progress = new GroupProgress(this.group);

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Optional() registry?: ProjectionRegistry,
  ) {
    this.store = new TreeStore(reads);
    registry?.register(this);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.head = await this.store.head();
    this.progress.position = this.head.position;
    this.progress.started = true;
    this.subscription = this.events.subscribeToAll(this.head.position, (batch) => this.handle(batch), {
      batchSize: BATCH,
      // Replaying a backlog (a rebuild) in larger transactions, as the projection groups do.
      catchUpBatchSize: CATCH_UP_BATCH_SIZE,
      onError: (error, attempt) => {
        this.progress.failed(error, attempt);
        this.logger.error({ err: error, attempt }, 'verifiable log batch failed; retrying');
      },
    });
  }

  /** Where the tree stands against the log head, as a projection group reports it. */
  status(head: number, now = Date.now()): RunnerStatus {
    return this.progress.status(head, [{ name: TREE_PROJECTION, checkpoint: this.head.position, parked: 0 }], now);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** Called after each committed batch with the new head (the checkpoint signer listens). */
  onGrown(listener: (head: TreeHead) => void): void {
    this.listeners.push(listener);
  }

  /** The last committed head, as this process saw it. */
  get current(): TreeHead {
    return this.head;
  }

  /** Resolves true once the tree holds the log up to `position`. */
  waitFor(position: number, timeoutMs = 5000): Promise<boolean> {
    if (this.head.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push({ position, resolve: () => (clearTimeout(timer), resolve(true)) });
    });
  }

  private async handle(batch: RecordedEvent[]): Promise<void> {
    let head: TreeHead;
    try {
      head = await this.reads.transaction((tx) => this.applyBatch(tx, batch));
    } catch (error) {
      // The appender ran ahead of what was committed: read it back from the store next time.
      this.appender = undefined;
      throw error;
    }
    this.head = head;
    this.progress.applied(head.position, batch.length >= BATCH);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= head.position) this.waiters.splice(i, 1)[0].resolve();
    }
    for (const listener of this.listeners) listener(head);
    // SQLite answers synchronously: without this a catch-up of the whole log would starve HTTP.
    await yieldToEventLoop();
  }

  private async applyBatch(tx: ReadTx, batch: RecordedEvent[]): Promise<TreeHead> {
    // Locks the checkpoint (PostgreSQL) so replicas feeding one store apply each batch once.
    await tx.getCheckpoint(TREE_PROJECTION);
    const head = (await tx.get<TreeHead>(TreeCollections.tree, 'head')) ?? EMPTY_HEAD;
    const fresh = batch.filter((e) => e.position > head.position);
    if (fresh.length === 0) return head;
    const stored = await this.events.readAll({ after: head.position, maxCount: fresh.length, stored: true });
    if (stored.length !== fresh.length || stored.some((e, i) => e.position !== fresh[i].position)) {
      throw new Error(`the log read back after ${head.position} does not match the batch delivered`);
    }
    if (this.appender?.size !== head.size) this.appender = await TreeAppender.resume(this.store, head.size);
    const appender = this.appender;
    const positions = new Map<number, number>();
    const nodes = [];
    let { contentSize, latest } = head;
    for (const event of stored) {
      const leaf = leafInput(event);
      const index = appender.size;
      // Bounded at ingest; an older event past the bound still gets its leaf, but no tile entry can carry it.
      if (!fitsEntry(leaf)) this.logger.warn({ leaf: index, position: event.position, bytes: leaf.length }, 'leaf input exceeds 65,535 bytes: its entry bundle cannot be served');
      positions.set(index, event.position);
      nodes.push(...appender.append(leafHash(leaf)));
      if (event.type === 'LedgerCheckpointSigned') {
        const data = event.data as LedgerCheckpointSigned;
        const checkpoint: SignedCheckpoint = { origin: data.origin, treeSize: data.treeSize, rootHash: data.rootHash, note: data.note, leaf: index };
        await tx.put(TreeCollections.checkpoints, checkpointId(data.treeSize), checkpoint);
        if (!latest || data.treeSize > latest.treeSize) latest = checkpoint;
      } else {
        contentSize = index + 1;
      }
    }
    await writeNodes(tx, nodes, positions);
    const next: TreeHead = {
      size: appender.size, root: appender.root().toString('base64'), position: stored[stored.length - 1].position, contentSize, ...(latest ? { latest } : {}),
    };
    await tx.put(TreeCollections.tree, 'head', next);
    await tx.setCheckpoint(TREE_PROJECTION, next.position);
    return next;
  }
}
