import { Logger } from '@nestjs/common';
import { EventStore, Subscription } from '@app/event-store';
import { Projection } from './projection';
import { ReadStore } from './read-store.port';

/**
 * Feeds a group of projections from one subscription to the global log. Each batch is one
 * read-store transaction holding the projections' writes and their checkpoints together.
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private position = 0;
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  private readonly logger = new Logger(ProjectionRunner.name);

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadStore,
    private readonly projections: Projection[],
  ) {}

  async start(): Promise<void> {
    const checkpoints = await Promise.all(this.projections.map((p) => this.store.getCheckpoint(p.name)));
    this.position = Math.min(...checkpoints, Number.MAX_SAFE_INTEGER);
    if (this.projections.length === 0) return;
    this.subscription = this.events.subscribeToAll(
      this.position,
      async (batch) => {
        await this.store.transaction(async (tx) => {
          for (const projection of this.projections) {
            const done = await tx.getCheckpoint(projection.name);
            for (const event of batch) if (event.position > done) await projection.apply(tx, event);
            await tx.setCheckpoint(projection.name, Math.max(done, batch[batch.length - 1].position));
          }
        });
        this.advance(batch[batch.length - 1].position);
      },
      {
        batchSize: 1000,
        onError: (error, attempt) => this.logger.error({ err: error, attempt }, 'projection batch failed; retrying'),
      },
    );
  }

  /** Global position the projections have reached. */
  get caughtUpTo(): number {
    return this.position;
  }

  /** Resolves when every projection has applied the log up to `position`. */
  waitFor(position: number, timeoutMs = 5000): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push({ position, resolve: () => (clearTimeout(timer), resolve(true)) });
    });
  }

  private advance(position: number): void {
    this.position = position;
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= position) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}
