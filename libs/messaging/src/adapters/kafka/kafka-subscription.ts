import { Logger } from '@nestjs/common';
import { Consumer, ConsumerConfig, EachBatchPayload, Kafka } from 'kafkajs';
import { BackoffPolicy, backoffDelay, LedgerError } from '@app/contracts';
import { BusMessage, BusSubscription, ConsumedMessage, MessageBatchHandler, SubscribeToTopic, SubscriptionHealth } from '../../bus.port';
import { deadLetter, deliver, describeError, SubscriptionMonitor } from '../../delivery';
import { pause, settleWithin } from './backoff';
import { BUS_CLOSED, isRetriable, toLedgerError } from './kafka-errors';
import { toConsumed } from './kafka-messages';
import { KafkaSockets } from './kafka-sockets';
import { watchJoin } from './kafka-join';

/** Tuning and services a KafkaBus hands to each of its subscriptions. */
export interface KafkaSubscriptionSettings {
  consumer: Omit<ConsumerConfig, 'groupId'>;
  /** Waits between attempts of a failing handler, and between attempts to join. */
  backoff: BackoffPolicy;
  /** How long one attempt to join may take before it is abandoned and made again. */
  joinTimeoutMs: number;
  /** How long stop() lets kafkajs leave the group before cutting its connections. */
  stopTimeoutMs: number;
  /** Non-retriable failures of a batch before it is split to find the message at fault. */
  isolateAfter: number;
  /** Partitions handled at once, each in order (kafkajs partitionsConsumedConcurrently). */
  partitionsConsumedConcurrently: number;
  /** Makes sure the topic exists (run before each attempt to join). */
  prepare(): Promise<void>;
  /** Publishes to the dead-letter topic through the bus's producer. */
  publish(topic: string, messages: BusMessage[], signal: AbortSignal): Promise<void>;
  /** Tells the bus whether the broker just answered (true) or could not be reached. */
  reachable(ok: boolean, error?: unknown): void;
}

/**
 * One kafkajs consumer serving one (topic, group) pair, joined in the background.
 *
 * start() returns at once; the consumer joins its group, and rejoins after any crash,
 * retrying with backoff until stop(). A slow join (after a crash the group waits a session
 * timeout for the dead member) never fails the caller; health() says whether it joined.
 *
 * At-least-once: a batch's offset is committed only after the handler resolves (see
 * deliver() for failures, and the message at fault parked on the dead-letter topic). If
 * the consumer loses the partition (rebalance, stop, crash) the uncommitted rest goes to
 * the next owner. Batches are handled one at a time, as the port promises.
 *
 * The consumer gets a kafkajs client, and connections, of its own, so that stop() can
 * close whatever kafkajs leaves behind (see KafkaSockets), within stopTimeoutMs even
 * when the broker is down.
 */
export class KafkaSubscription implements BusSubscription {
  readonly monitor: SubscriptionMonitor;
  /** Resolves when the consumer first joins; rejects (BUS.CLOSED) if stopped before. */
  readonly joined: Promise<void>;
  private readonly logger: Logger;
  private readonly stopping = new AbortController();
  private readonly sockets = new KafkaSockets();
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  /** The consumer that last joined: only its crashes call for a new join. */
  private established?: Consumer;
  private running?: Promise<void>;
  private stopped?: Promise<void>;
  private lastSignOfLife = 0;
  private firstJoin!: { resolve(): void; reject(error: Error): void };

  constructor(
    client: (sockets: KafkaSockets) => Kafka,
    private readonly options: SubscribeToTopic,
    private readonly handler: MessageBatchHandler,
    private readonly settings: KafkaSubscriptionSettings,
  ) {
    this.logger = new Logger(`KafkaBus:${options.groupId}`);
    this.kafka = client(this.sockets);
    this.monitor = new SubscriptionMonitor(options.topic, options.groupId);
    this.joined = new Promise<void>((resolve, reject) => (this.firstJoin = { resolve, reject }));
    // Nobody may wait for it (consume()); a stop before the join must not count as unhandled.
    this.joined.catch(() => undefined);
  }

  /** Begins joining in the background; returns at once. */
  start(): void {
    this.running ??= this.keepJoining();
  }

  health(): SubscriptionHealth {
    const snapshot = this.monitor.snapshot();
    // A member that has not heartbeated or fetched for a session timeout has been dropped
    // by the group, though kafkajs may not have noticed yet (the broker is down).
    const silent = Date.now() - this.lastSignOfLife > (this.settings.consumer.sessionTimeout ?? 30_000);
    return { ...snapshot, joined: snapshot.joined && !silent };
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  private async shutDown(): Promise<void> {
    this.stopping.abort();
    this.monitor.joined = false;
    this.firstJoin.reject(new LedgerError(BUS_CLOSED, `group ${this.options.groupId} stopped before it joined`));
    // disconnect() leaves the group and waits for the batch in hand, whose handler sees
    // the abort and returns without committing: that batch goes to the group's next
    // consumer. With the broker down kafkajs would retry for a minute; we cut it short.
    const left = await settleWithin([this.running, this.consumer?.disconnect()], this.settings.stopTimeoutMs);
    if (!left) this.logger.warn(`consumer of ${this.options.topic} did not leave its group within ${this.settings.stopTimeoutMs} ms; closing its connections`);
    const leftOpen = await this.sockets.closeAll();
    if (leftOpen > 0) this.logger.debug(`closed ${leftOpen} connection(s) kafkajs left open`);
  }

  /** Joins, retrying with backoff, until joined or stopped. */
  private async keepJoining(): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        await this.joinOnce();
        return;
      } catch (raw) {
        if (this.stopping.signal.aborted) return;
        const error = toLedgerError(raw, `joining group ${this.options.groupId} on ${this.options.topic}`);
        this.monitor.noted(error);
        if (isRetriable(error)) this.settings.reachable(false, error);
        const delay = backoffDelay(attempt, this.settings.backoff);
        this.logger.warn(`${describeError(error).message} (attempt ${attempt}); trying again in ${delay} ms`);
        await pause(delay, this.stopping.signal);
      }
    }
  }

  /** One consumer, connected, subscribed and running; resolves once it has joined. */
  private async joinOnce(): Promise<void> {
    await this.settings.prepare();
    if (this.stopping.signal.aborted) return;
    const consumer = this.kafka.consumer({
      ...this.settings.consumer,
      groupId: this.options.groupId,
      // kafkajs restarts a crashed consumer on a timer; not once we are stopping.
      retry: { ...this.settings.consumer.retry, restartOnFailure: async () => !this.stopping.signal.aborted },
    });
    this.consumer = consumer;
    this.observe(consumer);
    const join = watchJoin(consumer, this.options, this.settings.joinTimeoutMs);
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [this.options.topic], fromBeginning: this.options.fromBeginning !== false });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
        eachBatch: (payload) => this.onBatch(payload),
      });
      await join.joined;
      this.established = consumer;
    } catch (err) {
      join.cancel();
      // The failure to join is what counts; a failed cleanup adds nothing.
      await settleWithin([consumer.disconnect().catch(() => undefined)], this.settings.stopTimeoutMs);
      throw err;
    }
    this.firstJoin.resolve();
  }

  /** Keeps health current from kafkajs's instrumentation events, and restarts after a crash kafkajs gives up on. */
  private observe(consumer: Consumer): void {
    // Events of a consumer already replaced (a failed join, a restart) say nothing about this subscription.
    const current = () => this.consumer === consumer;
    const alive = () => {
      if (!current()) return;
      this.lastSignOfLife = Date.now();
      this.settings.reachable(true);
    };
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (current()) this.monitor.joined = true;
      alive();
    });
    consumer.on(consumer.events.HEARTBEAT, alive);
    consumer.on(consumer.events.FETCH, alive);
    consumer.on(consumer.events.REBALANCING, () => {
      if (current()) this.monitor.joined = false;
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!current()) return;
      this.monitor.joined = false;
      const error = toLedgerError(payload.error, `consumer of ${this.options.topic}`);
      this.monitor.noted(error);
      if (isRetriable(error)) this.settings.reachable(false, error);
      if (payload.restart || this.stopping.signal.aborted || this.established !== consumer) return;
      // kafkajs restarts after a retriable crash by itself; after any other it gives up,
      // and a subscription must not die silently, so we join anew.
      this.logger.error(`consumer of ${this.options.topic} stopped (${describeError(error).message}); joining again`);
      const previous = this.running;
      this.established = undefined;
      this.running = (async () => {
        await previous;
        await settleWithin([consumer.disconnect().catch(() => undefined)], this.settings.stopTimeoutMs);
        await this.keepJoining();
      })();
    });
  }

  private async onBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (batch.isEmpty()) return;
    const messages = batch.messages.map((m) => toConsumed(batch.topic, batch.partition, m));
    const commit = async (last: ConsumedMessage) => {
      resolveOffset(last.offset);
      await commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }] }],
      });
    };
    const deadLetterTopic = this.options.deadLetterTopic;
    // kafkajs heartbeats only between batches: this keeps the membership alive however
    // long the handler runs. A rebalance it meets surfaces at the next commit.
    const keepAlive = setInterval(() => heartbeat().catch(() => undefined), this.settings.consumer.heartbeatInterval ?? 3_000);
    try {
      const handled = await deliver(messages, {
        handler: this.handler,
        signal: this.stopping.signal,
        monitor: this.monitor,
        // Unresolved, the batch is fetched again by whoever owns the partition next.
        active: () => isRunning() && !isStale() && !this.stopping.signal.aborted,
        isolateAfter: this.settings.isolateAfter,
        commit,
        park: deadLetterTopic
          ? async (message, error) => {
              await this.settings.publish(deadLetterTopic, [deadLetter(message, this.options.groupId, error, new Date())], this.stopping.signal);
              const { code } = describeError(error);
              this.logger.error(`parked ${message.topic}[${message.partition}] offset ${message.offset} on ${deadLetterTopic} (${code}): the handler cannot process it`);
            }
          : undefined,
        pauseAfterFailure: async (attempt, failed, error) => {
          const delay = backoffDelay(attempt, this.settings.backoff);
          this.logger.warn(
            `handler failed on ${batch.topic}[${batch.partition}] offsets ${failed[0].offset}..${failed[failed.length - 1].offset} ` +
              `(attempt ${attempt}): ${describeError(error).message}; retrying in ${delay} ms`,
          );
          await pause(delay, this.stopping.signal);
          // Outside any try: a rebalance surfaces here, and kafkajs must see it to rejoin.
          if (!this.stopping.signal.aborted) await heartbeat();
        },
      });
      if (!handled) return;
      await commit(messages[messages.length - 1]);
    } finally {
      clearInterval(keepAlive);
    }
    await heartbeat();
  }
}
