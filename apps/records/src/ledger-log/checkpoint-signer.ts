import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { buildMetadata, internalEventId, LedgerCheckpointSigned, LedgerError, RequestContext, Streams, Topics } from '@app/contracts';
import { EVENT_STORE, EventStore, WrongExpectedRevisionError } from '@app/event-store';
import { signCheckpoint } from '@app/ledger-crypto';
import { MESSAGE_BUS, MessageBus } from '@app/messaging';
import { LEDGER_ENV, LedgerEnv } from '@app/platform';
import { READ_STORE, ReadStore } from '@app/read-store';
import { loadNoteKey, NoteKey } from './note-key';
import { LedgerTreeProjection } from './tree.projection';
import { TreeHead } from './tree-store';

export const CHECKPOINTS_RELAY = 'relay.ledger-checkpoints';

/**
 * Signs checkpoints of the verifiable log: once it grew by LEDGER_CHECKPOINT_EVERY events, every
 * LEDGER_CHECKPOINT_INTERVAL_MS when it grew at all, and on request. Appending the
 * LedgerCheckpointSigned adds a leaf, so growth counts only events other than checkpoints
 * (TreeHead.contentSize): a checkpoint alone never makes another one due, and the next one
 * covers it. Published on `ledger.checkpoints.v1` when the bus is Kafka, from the read model
 * with its own checkpoint (at-least-once; key = origin, consumers dedupe on treeSize).
 */
@Injectable()
export class CheckpointSigner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CheckpointSigner.name);
  readonly key: NoteKey;
  private timer?: NodeJS.Timeout;
  private chain: Promise<unknown> = Promise.resolve();
  private publishing: Promise<unknown> = Promise.resolve();
  /** The largest tree size this process signed, ahead of the tree seeing the event. */
  private signedSize = 0;
  private stopped = false;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(LEDGER_ENV) private readonly env: LedgerEnv,
    private readonly tree: LedgerTreeProjection,
  ) {
    this.key = loadNoteKey(env);
  }

  onApplicationBootstrap(): void {
    this.tree.onGrown((head) => this.grown(head));
    this.timer = setInterval(() => void this.signIfDue(0).catch((error) => this.logger.warn({ err: error }, 'checkpoint not signed; next tick retries')), this.env.checkpointIntervalMs);
    this.timer.unref();
    this.publish();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.chain.catch(() => undefined);
    await this.publishing.catch(() => undefined);
  }

  private grown(head: TreeHead): void {
    if (head.latest && head.latest.treeSize > (this.published ?? 0)) this.publish();
    if (head.contentSize - this.lastSigned(head) >= this.env.checkpointEvery) {
      void this.signIfDue(this.env.checkpointEvery).catch((error) => this.logger.warn({ err: error }, 'checkpoint not signed; the next batch retries'));
    }
  }

  private lastSigned(head: TreeHead): number {
    return Math.max(this.signedSize, head.latest?.treeSize ?? 0);
  }

  /** Signs when the tree grew by at least `growth` (and at least one) events other than checkpoints. */
  signIfDue(growth: number): Promise<LedgerCheckpointSigned | undefined> {
    return this.serial(async () => {
      const head = await this.tree.store.head();
      if (head.contentSize - this.lastSigned(head) < Math.max(1, growth)) return undefined;
      return (await this.sign(head, systemContext()))?.data;
    });
  }

  /**
   * On request: the tree caught up with the log as it is now, then signed unless the newest
   * checkpoint already covers every event but checkpoints. Answers that checkpoint.
   */
  signNow(ctx: RequestContext): Promise<LedgerCheckpointSigned> {
    return this.serial(async () => {
      const target = await this.events.headPosition();
      if (!(await this.tree.waitFor(target, 10_000))) throw new LedgerError('LEDGER_LOG.UNAVAILABLE', 'the verifiable log is behind the event log; retry later', true);
      const head = await this.tree.store.head();
      if (head.size === 0) throw new LedgerError('LEDGER_LOG.EMPTY', 'the log is empty: there is nothing to sign');
      // Nothing but checkpoints since the latest: it stands (asking again never grows the log).
      if (head.latest && head.contentSize <= head.latest.treeSize) return head.latest;
      const signed = await this.sign(head, ctx);
      // Answered once the tree holds it: a GET /v1/ledger/checkpoint right after serves this one.
      if (signed) {
        await this.tree.waitFor(signed.position, 10_000);
        return signed.data;
      }
      // Another replica signed this size or more meanwhile: answer its newest checkpoint.
      const [last] = await this.events.readStream(Streams.checkpoints, { direction: 'backwards', maxCount: 1 });
      return last.data as LedgerCheckpointSigned;
    });
  }

  private async sign(head: TreeHead, ctx: RequestContext): Promise<{ data: LedgerCheckpointSigned; position: number } | undefined> {
    if (head.size === 0) return undefined;
    const { origin, signer } = this.key;
    const note = signCheckpoint({ origin, size: head.size, root: Buffer.from(head.root, 'base64') }, [signer]);
    const data: LedgerCheckpointSigned = { origin, treeSize: head.size, rootHash: head.root, note };
    const [last] = await this.events.readStream(Streams.checkpoints, { direction: 'backwards', maxCount: 1 });
    if (last && (last.data as LedgerCheckpointSigned).treeSize >= head.size) return undefined;
    const eventId = internalEventId('ledger-checkpoint', `${origin}\u0000${head.size}`);
    try {
      const result = await this.events.append({
        streamId: Streams.checkpoints,
        expectedRevision: last ? last.revision : 'no-stream',
        events: [{ type: 'LedgerCheckpointSigned', data, metadata: buildMetadata(ctx, { eventId }) }],
      });
      this.signedSize = Math.max(this.signedSize, head.size);
      this.logger.log({ treeSize: head.size, position: result.positions[0] }, 'checkpoint signed');
      return { data, position: result.positions[0] };
    } catch (error) {
      // Another replica signed meanwhile: its checkpoint stands.
      if (error instanceof WrongExpectedRevisionError) return undefined;
      throw error;
    }
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private published?: number;

  /** Publishes the checkpoints the tree holds past the relay's checkpoint (Kafka only: nobody outside reads the in-process bus). */
  private publish(): void {
    if (this.env.bus === 'memory' || this.stopped) return;
    this.publishing = this.publishing.then(async () => {
      let after = await this.reads.getCheckpoint(CHECKPOINTS_RELAY);
      for (;;) {
        const page = await this.tree.store.checkpointsAfter(after, 100);
        if (page.length === 0) break;
        await this.bus.publish(Topics.ledgerCheckpoints, page.map((c) => ({
          key: c.origin,
          value: JSON.stringify({ origin: c.origin, treeSize: c.treeSize, rootHash: c.rootHash, note: c.note }),
          headers: { 'content-type': 'application/json' },
        })));
        after = page[page.length - 1].treeSize;
        await this.reads.transaction((tx) => tx.setCheckpoint(CHECKPOINTS_RELAY, after));
      }
      this.published = after;
    }).catch((error) => this.logger.warn({ err: error }, 'checkpoints not published; the next checkpoint retries'));
  }
}

function systemContext(): RequestContext {
  const now = new Date().toISOString();
  return { actor: { role: 'system', id: 'ledger-log' }, channel: 'internal', correlationId: internalEventId('ledger-checkpoint-pass', now), now };
}
