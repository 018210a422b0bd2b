import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RecordedEvent, Topics } from '@app/contracts';
import { EVENT_STORE, EventStore, Subscription } from '@app/event-store';
import { MESSAGE_BUS, MessageBus } from '@app/messaging';
import { LEDGER_ENV, LedgerEnv } from '@app/platform';
import { READ_STORE, ReadStore } from '@app/read-store';
import { toMessage } from './ledger-cloud-event';
import { relayed } from './relay-filter';

export const RELAY_CHECKPOINT = 'relay.ledger-events';

/**
 * Publishes committed events to `ledger.events.v1` (key = stream id, so per-stream order
 * holds) from a checkpointed subscription of the global log; API-key streams are never
 * published and holder digests are dropped (see relayed()). The checkpoint moves only
 * after the bus has the batch: a crash in between publishes it again (at-least-once), and
 * consumers dedupe on the `ce_id` header (the eventId).
 *
 * Nothing here waits for the broker at start, and shutdown gives up a publish in flight
 * (its batch is published again after restart), so neither hangs while Kafka is down.
 */
@Injectable()
export class LedgerEventsRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LedgerEventsRelay.name);
  private subscription?: Subscription;
  private readonly stopping = new AbortController();

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(LEDGER_ENV) private readonly env: LedgerEnv,
  ) {}

  /** Off on the in-process bus: nobody outside the process could read what it publishes. */
  get enabled(): boolean {
    return this.env.relay === 'on' || (this.env.relay === 'auto' && this.env.bus !== 'memory');
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    const after = await this.reads.getCheckpoint(RELAY_CHECKPOINT);
    this.subscription = this.events.subscribeToAll(after, (batch) => this.relay(batch), {
      batchSize: 500,
      onError: (error, attempt) => this.logger.warn({ err: error, attempt }, 'relay batch failed; retrying'),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    // stop() first marks the subscription stopped, so the aborted publish ends its loop instead of a retry.
    const stopped = this.subscription?.stop();
    this.stopping.abort();
    await stopped;
  }

  private async relay(batch: RecordedEvent[]): Promise<void> {
    const messages = batch.map(relayed).filter((e) => e !== undefined).map(toMessage);
    await this.bus.publish(Topics.ledgerEvents, messages, { signal: this.stopping.signal });
    await this.reads.transaction((tx) => tx.setCheckpoint(RELAY_CHECKPOINT, batch[batch.length - 1].position));
  }
}
