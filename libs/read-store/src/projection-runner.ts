import { Logger } from '@nestjs/common';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AnyEvent, LedgerEvent, RecordedEvent } from '@app/contracts';
import { EventStore, storageFaultCode, Subscription } from '@app/event-store';
import { Projection } from './projection';
import { describeError, GroupProgress, ProgressOptions, ProjectionStatus, RunnerStatus, StatusSource } from './projection-status';
import { ParkedEvent, ReadStore, ReadTx } from './read-store.port';

export interface ProjectionRunnerOptions extends ProgressOptions {
  /** Names the group in health, metrics and logs. */
  group: string;
  /** Events per transaction while following live appends; small enough that one batch never holds the event loop for long. */
  batchSize?: number;
  /**
   * Events per transaction while replaying a backlog (a rebuild, a restart behind the head):
   * fewer commits, and documents rewritten many times in a row written once. The runner
   * yields to the event loop between projections inside such a batch.
   */
  catchUpBatchSize?: number;
}

/**
 * Feeds a group of projections from one subscription to the global log. Each batch is one
 * read-store transaction holding the projections' writes and their checkpoints together.
 *
 * No event can stop the group (DESIGN rule 7): when a batch fails with an error that is not
 * a storage fault, it is applied again event by event, each in a savepoint; an event a
 * projection throws on is parked for that projection only, in the same transaction as its
 * checkpoint, and the others apply it. Storage faults are retried with backoff instead,
 * since parking them would skip events that are fine.
 */
export class ProjectionRunner<E extends AnyEvent = LedgerEvent> implements StatusSource {
  private subscription?: Subscription;
  private readonly progress: GroupProgress;
  private readonly checkpoints = new Map<string, number>();
  private readonly parked = new Map<string, { count: number; last?: ProjectionStatus['lastParked'] }>();
  /** Callers waiting for a position; a waiter that times out leaves the set, so idle long polls hold nothing. */
  private readonly waiters = new Set<{ position: number; resolve: () => void }>();
  private readonly logger = new Logger(ProjectionRunner.name);
  readonly group: string;

  constructor(
    private readonly events: EventStore<E>,
    private readonly store: ReadStore,
    private readonly projections: Projection<E>[],
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.group = options.group;
    this.progress = new GroupProgress(options.group, options);
  }

  /** Reads the checkpoints and starts the subscription; does not wait for the catch-up. */
  async start(): Promise<void> {
    const [checkpoints, parked] = await Promise.all([Promise.all(this.projections.map((p) => this.store.getCheckpoint(p.name))), this.store.countParked()]);
    this.projections.forEach((p, i) => {
      this.checkpoints.set(p.name, checkpoints[i]);
      this.parked.set(p.name, { count: parked[p.name] ?? 0 });
    });
    this.progress.position = Math.min(...checkpoints, Number.MAX_SAFE_INTEGER);
    this.progress.started = true;
    if (this.projections.length === 0) return;
    this.subscription = this.events.subscribeToAll(this.progress.position, (batch) => this.handle(batch), {
      batchSize: this.batchSize,
      catchUpBatchSize: this.options.catchUpBatchSize ?? CATCH_UP_BATCH_SIZE,
      onError: (error, attempt) => {
        this.progress.failed(error, attempt);
        this.logger.error({ err: error, group: this.group, attempt }, 'projection batch failed; retrying');
      },
    });
  }

  private async handle(batch: RecordedEvent<E>[]): Promise<void> {
    try {
      await this.store.transaction((tx) => this.applyBatch(tx, batch));
    } catch (error) {
      if (isTransient(error)) throw error;
      const parked = await this.store.transaction((tx) => this.applyBatch(tx, batch, []));
      this.noteParked(parked);
    }
    const last = batch[batch.length - 1].position;
    for (const p of this.projections) this.checkpoints.set(p.name, Math.max(this.checkpoints.get(p.name) ?? 0, last));
    this.progress.applied(last, batch.length >= this.batchSize);
    this.advance(last);
    // The store's calls can all complete synchronously (SQLite): without this, a catch-up
    // of the whole log would run as one chain of microtasks and starve HTTP until done.
    await yieldToEventLoop();
  }

  /**
   * Applies `batch` to every projection, through its applyBatch where it has one; with
   * `parking`, event by event in savepoints (apply), parking what fails.
   */
  private async applyBatch(tx: ReadTx, batch: RecordedEvent<E>[], parking?: ParkedEvent[]): Promise<ParkedEvent[]> {
    const large = batch.length > this.batchSize;
    for (const projection of this.projections) {
      // A catch-up batch takes a while: HTTP gets a turn between projections (reads use their
      // own connection; the read store queues other transactions behind this one).
      if (large) await yieldToEventLoop();
      const done = await tx.getCheckpoint(projection.name);
      if (!parking && projection.applyBatch) {
        const pending = batch.filter((e) => e.position > done);
        if (pending.length > 0) await projection.applyBatch(tx, pending);
        await tx.setCheckpoint(projection.name, Math.max(done, batch[batch.length - 1].position));
        continue;
      }
      for (const event of batch) {
        if (event.position <= done) continue;
        if (!parking) {
          await projection.apply(tx, event);
          continue;
        }
        try {
          await tx.savepoint(() => projection.apply(tx, event));
        } catch (error) {
          if (isTransient(error)) throw error;
          const entry = { projection: projection.name, position: event.position, eventId: event.metadata.eventId, type: event.type, error: describeError(error), parkedAt: new Date().toISOString() };
          await tx.park(entry);
          parking.push(entry);
        }
      }
      await tx.setCheckpoint(projection.name, Math.max(done, batch[batch.length - 1].position));
    }
    return parking ?? [];
  }

  private noteParked(entries: ParkedEvent[]): void {
    for (const e of entries) {
      const current = this.parked.get(e.projection) ?? { count: 0 };
      this.parked.set(e.projection, { count: current.count + 1, last: { position: e.position, type: e.type, error: e.error, at: e.parkedAt } });
      this.logger.warn({ group: this.group, projection: e.projection, position: e.position, eventId: e.eventId, type: e.type, error: e.error }, 'event parked: the projection could not apply it and goes on');
    }
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 1000;
  }

  /** Global position the projections have reached. */
  get caughtUpTo(): number {
    return this.progress.position;
  }

  /** Where the group stands against the log head `head`. */
  status(head: number, now = Date.now()): RunnerStatus {
    return this.progress.status(head, this.projections.map((p) => {
      const parked = this.parked.get(p.name);
      return { name: p.name, checkpoint: this.checkpoints.get(p.name) ?? 0, parked: parked?.count ?? 0, ...(parked?.last && { lastParked: parked.last }) };
    }), now);
  }

  /** Resolves when every projection has applied the log up to `position`. */
  waitFor(position: number, timeoutMs = 5000): Promise<boolean> {
    if (this.progress.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => (clearTimeout(timer), resolve(true)) };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private advance(position: number): void {
    for (const waiter of this.waiters) {
      if (waiter.position > position) continue;
      this.waiters.delete(waiter);
      waiter.resolve();
    }
  }

  /** How many callers wait for a position (health and tests: a timed-out wait must not stay). */
  get waiting(): number {
    return this.waiters.size;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}

/** Events per transaction while a group replays a backlog (see ProjectionRunnerOptions.catchUpBatchSize). */
export const CATCH_UP_BATCH_SIZE = 5000;

/** Errors that say nothing about the event: the storage or the connection failed, so retry, never park. */
function isTransient(error: unknown): boolean {
  return (typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true) || storageFaultCode(error) !== undefined;
}
