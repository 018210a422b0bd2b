import { Logger } from '@nestjs/common';
import { Consumer, ConsumerConfig, EachBatchPayload, Kafka } from 'kafkajs';
import { LedgerError } from '@app/contracts';
import { BusSubscription, MessageBatchHandler, SubscribeToTopic } from '../../bus.port';
import { BackoffPolicy, backoffDelay, pause } from './backoff';
import { BUS_UNAVAILABLE, toLedgerError } from './kafka-errors';
import { toConsumed } from './kafka-messages';
import { KafkaSockets } from './kafka-sockets';

/** Tuning a KafkaBus hands to each of its subscriptions. */
export interface KafkaSubscriptionSettings {
  consumer: Omit<ConsumerConfig, 'groupId'>;
  /** Waits between attempts of a failing handler, and between consumer restarts. */
  backoff: BackoffPolicy;
  /** How long subscribe() waits for the consumer to join its group. */
  joinTimeoutMs: number;
}

/**
 * One kafkajs consumer serving one (topic, group) pair.
 *
 * At-least-once: a batch's offset is resolved and committed only after the handler
 * resolves. A failing handler is called again with the same batch, backing off, for as
 * long as the consumer owns the partition; if it loses the partition (rebalance, stop,
 * crash) the batch stays uncommitted and the next owner receives it again. Batches are
 * handled one at a time, as the port promises the same of every adapter.
 *
 * The consumer gets a kafkajs client, and connections, of its own, so that stop() can
 * close whatever kafkajs leaves behind (see KafkaSockets).
 */
export class KafkaSubscription implements BusSubscription {
  private readonly logger: Logger;
  private readonly stopping = new AbortController();
  private readonly sockets = new KafkaSockets();
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  private restarting?: Promise<void>;

  constructor(
    client: (sockets: KafkaSockets) => Kafka,
    private readonly options: SubscribeToTopic,
    private readonly handler: MessageBatchHandler,
    private readonly settings: KafkaSubscriptionSettings,
  ) {
    this.logger = new Logger(`KafkaBus:${options.groupId}`);
    this.kafka = client(this.sockets);
  }

  /** Resolves once the consumer has joined its group and is fetching. */
  async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      ...this.settings.consumer,
      groupId: this.options.groupId,
      // kafkajs restarts a crashed consumer on a timer; not once we are stopping.
      retry: { ...this.settings.consumer.retry, restartOnFailure: async () => !this.stopping.signal.aborted },
    });
    this.consumer = consumer;
    const join = this.watchJoin(consumer);
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [this.options.topic], fromBeginning: this.options.fromBeginning !== false });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 1,
        eachBatch: (payload) => this.onBatch(payload),
      });
      await join.joined;
    } catch (err) {
      join.cancel();
      // The failure to start is what the caller needs; a failed cleanup adds nothing.
      await consumer.disconnect().catch(() => undefined);
      throw toLedgerError(err, `subscribing group ${this.options.groupId} to ${this.options.topic}`);
    }
    // kafkajs restarts a consumer after a retriable crash by itself; after any other
    // crash it gives up, and a subscription must not die silently, so we start anew.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.stopping.signal.aborted) this.restarting ??= this.restart(payload.error);
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.restarting;
    // disconnect() waits for the batch in hand; the handler loop sees the abort and
    // returns without committing, so that batch goes to the group's next consumer.
    try {
      await this.consumer?.disconnect();
    } catch (err) {
      throw toLedgerError(err, `stopping group ${this.options.groupId}`);
    } finally {
      const leftOpen = await this.sockets.closeAll();
      if (leftOpen > 0) this.logger.debug(`closed ${leftOpen} connection(s) kafkajs left open`);
    }
  }

  /** Settles once the consumer runs (see below), a crash kafkajs will not recover from, or the join timeout. */
  private watchJoin(consumer: Consumer): { joined: Promise<void>; cancel(): void } {
    let cancel = () => {};
    const joined = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cancel();
        reject(new LedgerError(BUS_UNAVAILABLE, `group ${this.options.groupId} did not join within ${this.settings.joinTimeoutMs} ms`, true));
      }, this.settings.joinTimeoutMs);
      // A group with no committed offset that starts "only new ones" fixes its position
      // at the first fetch after joining; until then a message published now could be
      // missed, so such a subscription counts as running only after that fetch.
      const ready = this.options.fromBeginning === false ? consumer.events.FETCH : consumer.events.GROUP_JOIN;
      let hasJoined = false;
      const offJoin = consumer.on(consumer.events.GROUP_JOIN, () => {
        hasJoined = true;
      });
      const offReady = consumer.on(ready, () => {
        if (!hasJoined) return;
        cancel();
        resolve();
      });
      const offCrash = consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (payload.restart) return;
        cancel();
        reject(payload.error);
      });
      cancel = () => {
        clearTimeout(timer);
        offJoin();
        offReady();
        offCrash();
      };
    });
    // start() awaits this only after connect and run; until then a rejection must not
    // count as unhandled. start() still sees it when it awaits.
    joined.catch(() => undefined);
    return { joined, cancel };
  }

  private async restart(cause: Error): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      const delay = backoffDelay(attempt, this.settings.backoff);
      this.logger.error(`consumer of ${this.options.topic} stopped (${cause.message}); restarting in ${delay} ms`);
      await pause(delay, this.stopping.signal);
      if (this.stopping.signal.aborted) break;
      try {
        await this.consumer?.disconnect().catch(() => undefined);
        await this.start();
        break;
      } catch (err) {
        cause = err instanceof Error ? err : new Error(String(err));
      }
    }
    this.restarting = undefined;
  }

  private async onBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (batch.isEmpty()) return;
    const messages = batch.messages.map((m) => toConsumed(batch.topic, batch.partition, m));
    for (let attempt = 1; ; attempt++) {
      // Unresolved, the batch is fetched again by whoever owns the partition next.
      if (!isRunning() || isStale() || this.stopping.signal.aborted) return;
      try {
        await this.handler(messages);
        break;
      } catch (err) {
        const delay = backoffDelay(attempt, this.settings.backoff);
        const reason = err instanceof Error ? err.message : String(err);
        this.logger.warn(
          `handler failed on ${batch.topic}[${batch.partition}] offsets ${messages[0].offset}..${messages[messages.length - 1].offset} ` +
            `(attempt ${attempt}): ${reason}; retrying in ${delay} ms`,
        );
        await pause(delay, this.stopping.signal);
        // Outside the try: a rebalance surfaces here, and kafkajs must see it to rejoin.
        if (!this.stopping.signal.aborted) await heartbeat();
      }
    }
    const last = batch.messages[batch.messages.length - 1].offset;
    resolveOffset(last);
    await commitOffsetsIfNecessary({
      topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }] }],
    });
    await heartbeat();
  }
}
