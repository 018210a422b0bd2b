import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { AllStreamSubscription, END, EventStoreDBClient, excludeSystemEvents } from '@eventstore/db-client';
import { BackoffPolicy, backoffDelay } from '@app/contracts';

/** Polling covers the gap, so resubscribing can wait longer than a handler retry: 0.5 s up to 30 s. */
const RESUBSCRIBE: BackoffPolicy = { initialMs: 500, maxMs: 30_000 };

/**
 * A live server subscription to `$all` used only as a signal that the log grew (also
 * through other processes): it emits 'append' on `target` for each new non-system event.
 * Positions and retries stay with the polling subscriptions it wakes, so when it drops
 * they fall back to their poll interval until it is re-established with backoff.
 */
export class AllStreamSignal {
  private readonly logger = new Logger(AllStreamSignal.name);
  private live?: AllStreamSubscription;
  private retry?: NodeJS.Timeout;
  private failures = 0;
  private running = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly target: EventEmitter,
  ) {}

  start(): void {
    this.running = true;
    if (this.live || this.retry) return;
    const live = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    this.live = live;
    live.on('data', () => {
      this.failures = 0;
      this.target.emit('append');
    });
    live.on('error', (error) => this.dropped(live, error.message));
    live.on('end', () => this.dropped(live, 'ended by the server'));
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retry);
    this.retry = undefined;
    const live = this.live;
    this.live = undefined;
    await live?.unsubscribe().catch((error: unknown) => this.logger.warn({ err: String(error) }, 'could not end the live $all signal'));
  }

  private dropped(live: AllStreamSubscription, reason: string): void {
    // The end of a signal already replaced or stopped on purpose is not news.
    if (this.live !== live) return;
    this.live = undefined;
    if (!this.running) return;
    this.failures += 1;
    const delay = backoffDelay(this.failures, RESUBSCRIBE);
    this.logger.warn({ reason, attempt: this.failures }, `live $all signal dropped; polling meanwhile, resubscribing in ${delay} ms`);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.running) this.start();
    }, delay);
  }
}
