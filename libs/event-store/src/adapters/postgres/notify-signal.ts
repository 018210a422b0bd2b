import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { BackoffPolicy, backoffDelay } from '@app/contracts';
import { quoteIdent } from './pg-session';

/** Polling covers the gap, so reconnecting can wait longer than a handler retry: 0.5 s up to 30 s. */
const RECONNECT: BackoffPolicy = { initialMs: 500, maxMs: 30_000 };

/**
 * One dedicated connection LISTENing on the store's channel, used only as a signal that the
 * log grew (also through other processes): it emits 'append' on `target` for each NOTIFY an
 * append commits. Positions and retries stay with the polling subscriptions it wakes, so while
 * it is down they fall back to their poll interval; it reconnects with backoff and, once
 * listening again, wakes them once for whatever committed in between.
 */
export class NotifySignal {
  private readonly logger = new Logger(NotifySignal.name);
  private client?: Client;
  private retry?: NodeJS.Timeout;
  private failures = 0;
  private running = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly target: EventEmitter,
  ) {}

  start(): void {
    this.running = true;
    if (this.client || this.retry) return;
    const client = new Client({ connectionString: this.url, application_name: 'credential-ledger-event-signal' });
    this.client = client;
    client.on('notification', () => this.target.emit('append'));
    client.on('error', (error) => this.dropped(client, error.message));
    client.on('end', () => this.dropped(client, 'connection ended'));
    client
      .connect()
      .then(() => client.query(`LISTEN ${quoteIdent(this.channel)}`))
      .then(() => {
        this.failures = 0;
        this.target.emit('append');
      })
      .catch((error: unknown) => this.dropped(client, error instanceof Error ? error.message : String(error)));
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retry);
    this.retry = undefined;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch((error: unknown) => this.logger.warn({ err: String(error) }, 'could not close the LISTEN connection'));
  }

  private dropped(client: Client, reason: string): void {
    // The end of a connection already replaced or stopped on purpose is not news.
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    if (!this.running) return;
    this.failures += 1;
    const delay = backoffDelay(this.failures, RECONNECT);
    this.logger.warn({ reason, attempt: this.failures }, `LISTEN connection dropped; polling meanwhile, reconnecting in ${delay} ms`);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.running) this.start();
    }, delay);
  }
}
