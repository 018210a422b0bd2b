import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackoffPolicy, backoffDelay, RecordedEvent } from '@app/contracts';
import { BatchHandler, SubscribeOptions } from './event-store.port';
import { LogWindow } from './log-window';

type Reader = (after: number, max: number) => Promise<RecordedEvent[]>;

/** A failing handler is retried from 100 ms up to 5 s: short enough to catch up soon after a fault clears. */
const RETRY: BackoffPolicy = { initialMs: 100, maxMs: 5_000 };

/**
 * Catch-up-then-live delivery for stores that can be read by position: reads batches
 * until the head, then waits for an in-process append signal or the poll interval
 * (appends by other processes). A failing handler gets the same batch again, with backoff.
 */
export class PollingSubscription {
  private stopped = false;
  private running?: Promise<void>;
  private wake?: () => void;
  private readonly onAppend = () => this.wake?.();

  constructor(
    private readonly read: Reader,
    private readonly signal: EventEmitter,
    private position: number,
    private readonly handler: BatchHandler,
    private readonly options: SubscribeOptions & { pollIntervalMs: number },
  ) {}

  start(): void {
    this.signal.on('append', this.onAppend);
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.signal.off('append', this.onAppend);
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const catchUpBatchSize = Math.max(batchSize, this.options.catchUpBatchSize ?? batchSize);
    let attempt = 0;
    let behind = false;
    while (!this.stopped) {
      let batch: RecordedEvent[] = [];
      try {
        const size: number = behind ? catchUpBatchSize : batchSize;
        batch = await this.read(this.position, size);
        if (batch.length > 0) {
          await this.handler(batch);
          this.position = batch[batch.length - 1].position;
          behind = batch.length === size;
          attempt = 0;
          continue;
        }
        behind = false;
      } catch (error) {
        if (this.stopped) return;
        attempt += 1;
        this.options.onError?.(error, attempt);
        await sleep(backoffDelay(attempt, RETRY));
        continue;
      }
      await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}

/**
 * The live subscriptions of one store: each reads the log by position and wakes on the
 * store's `append` signal. Both adapters keep one of these instead of their own bookkeeping.
 */
export class PollingSubscriptions {
  readonly signal = new EventEmitter();
  private readonly live = new Set<PollingSubscription>();

  private readonly read: Reader;

  /** `window`: how many recent events the subscriptions share (LogWindow); only for a reader whose reads are final prefixes of the log. */
  constructor(read: Reader, private readonly pollIntervalMs: number, options: { window?: number } = {}) {
    this.signal.setMaxListeners(0);
    if (options.window) {
      const window = new LogWindow(read, options.window);
      this.read = (after, max) => window.readAfter(after, max);
    } else this.read = read;
  }

  get size(): number {
    return this.live.size;
  }

  /** Tells the subscriptions that this process appended. */
  appended(): void {
    this.signal.emit('append');
  }

  open(after: number, handler: BatchHandler, options: SubscribeOptions, onStopped?: () => Promise<void>): { stop(): Promise<void> } {
    const subscription = new PollingSubscription(this.read, this.signal, after, handler, { ...options, pollIntervalMs: this.pollIntervalMs });
    this.live.add(subscription);
    subscription.start();
    return {
      stop: async () => {
        this.live.delete(subscription);
        await subscription.stop();
        await onStopped?.();
      },
    };
  }

  async stopAll(): Promise<void> {
    const all = [...this.live];
    this.live.clear();
    await Promise.all(all.map((s) => s.stop()));
  }
}
