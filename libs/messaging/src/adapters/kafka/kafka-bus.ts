import { Logger } from '@nestjs/common';
import { Admin, Kafka, Partitioners, Producer, logLevel } from 'kafkajs';
import { BackoffPolicy, backoffDelay, LedgerError } from '@app/contracts';
import { BusHealth, BusMessage, BusSubscription, MessageBatchHandler, MessageBus, PublishOptions, SubscribeToTopic } from '../../bus.port';
import { describeError } from '../../delivery';
import { pause, settleWithin, untilAborted } from './backoff';
import { BUS_ABORTED, BUS_CLOSED, BUS_UNAVAILABLE, isRetriable, toLedgerError } from './kafka-errors';
import { nestLogCreator } from './kafka-log';
import { chunkBySize, toKafka } from './kafka-messages';
import { KafkaSockets } from './kafka-sockets';
import { KafkaSubscription } from './kafka-subscription';

/** Where the bus connects, and optional tuning; the defaults suit the ledger's apps and tests. */
export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** Partitions of the topics this bus creates; the broker's `num.partitions` when unset. */
  numPartitions?: number;
  /** How long publish() and subscribe() keep retrying an unreachable broker before they reject. Default 60 s. */
  unavailableTimeoutMs?: number;
  /** How long subscribe() waits for its consumer to join the group; also how long one background attempt to join may take. Default 30 s. */
  joinTimeoutMs?: number;
  /**
   * How long the group waits for a silent consumer before handing its partitions to
   * others. After a crash (kill -9) the restarted consumer joins only once the dead one
   * timed out, so this bounds how long consumption pauses. Default 10 s (the broker's
   * group.min.session.timeout.ms is 6 s).
   */
  sessionTimeoutMs?: number;
  /** How often a consumer tells the group it is alive, also while its handler runs. Default 1 s. */
  heartbeatIntervalMs?: number;
  /** How long a rebalance waits for live members to rejoin. Default 20 s. */
  rebalanceTimeoutMs?: number;
  /** How long close() and a subscription's stop() let kafkajs finish before its connections are cut. Default 3 s. */
  stopTimeoutMs?: number;
  /**
   * How many partitions of one subscription are handled at once; each partition's messages
   * still reach the handler in order, one batch at a time, and a handler must then take
   * concurrent calls. Default 1: on the 2-core bench machine 3 did not measure faster for
   * Kafka ingest (its process is CPU-bound); it may where the broker is far away.
   */
  partitionsConsumedConcurrently?: number;
  /** Non-retriable handler failures of a batch before it is split to isolate the message at fault. Default 3. */
  isolateAfter?: number;
  /** Waits between retries of a failing handler and of a failed publish. Default 100 ms doubling to 10 s. */
  backoff?: BackoffPolicy;
  /** Most producers the bus opens; topics share them in turn (see KafkaBus). Default 4. */
  producers?: number;
  /**
   * Most bytes (keys, values, headers) one produce request carries; a larger publish is sent
   * in chunks, in order. Default 512 KiB, under the broker's 1 MB message.max.bytes.
   */
  maxPublishBytes?: number;
  /**
   * Most bytes one fetch takes from a partition (kafkajs maxBytesPerPartition), which bounds
   * how many messages a batch hands the handler. Default 1 MiB (kafkajs's; ~1,500 ingest
   * messages): 4 MiB measured no faster for Kafka ingest on the 2-core bench machine and
   * cost more CPU per event (~260 vs ~230 µs), the larger batch's objects living past scavenges.
   */
  maxBytesPerPartition?: number;
  /** Lowest kafkajs log level routed to the Nest logger. Default warn. */
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
}

const LOG_LEVELS = { error: logLevel.ERROR, warn: logLevel.WARN, info: logLevel.INFO, debug: logLevel.DEBUG } as const;
/** kafkajs's own retries (exponential, with jitter) ride out short outages inside one call. */
const CLIENT_RETRY = { initialRetryTime: 300, maxRetryTime: 5_000, retries: 6 };

/**
 * The bus on Apache Kafka (kafkajs). Publishing uses idempotent producers with acks=all
 * (a few, so that one topic's publishes need not wait for another's), so an acknowledged
 * publish is on every in-sync replica and a retried send adds no duplicates. Each subscription is its own consumer in its group (see
 * KafkaSubscription for the at-least-once rules). Topics are created on first use with
 * the broker's defaults, and waited on until they have leaders. Calls that fail while
 * the broker is unreachable are retried with backoff for `unavailableTimeoutMs`, then
 * reject with a retriable LedgerError (BUS.UNAVAILABLE).
 */
export class KafkaBus implements MessageBus {
  private readonly logger = new Logger(KafkaBus.name);
  private readonly sockets = new KafkaSockets();
  private readonly kafka: Kafka;
  private readonly closing = new AbortController();
  private readonly backoff: BackoffPolicy;
  private readonly unavailableTimeoutMs: number;
  private readonly stopTimeoutMs: number;
  private readonly maxPublishBytes: number;
  private readonly subscriptions = new Set<KafkaSubscription>();
  /** Topics known to exist, or being created; a failed creation is forgotten so the next call tries again. */
  private readonly topics = new Map<string, Promise<void>>();
  /**
   * Up to `producers` producers: a topic's publishes never queue behind another's on one
   * producer (acks=all, one request in flight), the relay's ledger events behind ingest
   * outcomes or the reverse. Each topic keeps the producer it was given on first publish,
   * which keeps its order; producers are handed out in turn, so the first topics published
   * get one each, and a bus publishing to many topics (one a partner feed) opens no more.
   */
  private readonly producers: (Promise<Producer> | undefined)[] = [];
  private readonly producerOf = new Map<string, number>();
  private admin?: Promise<Admin>;
  /** Whether the broker answered the last request that reached for it. */
  private connection: { state: 'unknown' | 'connected' | 'unreachable'; since: Date; lastError?: { code: string; message: string; at: string } } = {
    state: 'unknown',
    since: new Date(),
  };

  constructor(private readonly options: KafkaBusOptions) {
    if (options.brokers.length === 0) throw new LedgerError('BUS.CONFIG', 'KafkaBus needs at least one broker');
    this.backoff = options.backoff ?? { initialMs: 100, maxMs: 10_000 };
    this.unavailableTimeoutMs = options.unavailableTimeoutMs ?? 60_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 3_000;
    this.maxPublishBytes = options.maxPublishBytes ?? 512 * 1024;
    this.kafka = this.client(this.sockets);
  }

  async publish(topic: string, messages: BusMessage[], options: PublishOptions = {}): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    const signal = options.signal ? AbortSignal.any([this.closing.signal, options.signal]) : this.closing.signal;
    // One chunk after the other keeps each key's order; each chunk is retried on its own,
    // so a retry does not send again what the broker already has.
    for (const chunk of chunkBySize(messages, this.maxPublishBytes)) {
      const record = { topic, acks: -1, messages: chunk.map(toKafka) };
      await this.retrying(`publishing to ${topic}`, signal, async () => {
        await this.ensureTopic(topic);
        const producer = await this.connectedProducer(topic);
        await producer.send(record);
      });
    }
  }

  async subscribe(options: SubscribeToTopic, handler: MessageBatchHandler): Promise<BusSubscription> {
    this.assertOpen();
    await this.retrying(`creating topic ${options.topic}`, this.closing.signal, () => this.ensureTopic(options.topic));
    const subscription = this.open(options, handler);
    const joinTimeoutMs = this.options.joinTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), joinTimeoutMs)));
    const joined = await Promise.race([subscription.joined.then(() => true), timedOut])
      .catch((err: unknown) => err)
      .finally(() => clearTimeout(timer));
    if (joined !== true) {
      const lastError = subscription.health().lastError;
      await this.stopSubscription(subscription);
      if (joined instanceof Error) throw joined;
      throw new LedgerError(BUS_UNAVAILABLE, `group ${options.groupId} did not join within ${joinTimeoutMs} ms${lastError ? ` (${lastError.message})` : ''}`, true);
    }
    return { stop: () => this.stopSubscription(subscription) };
  }

  consume(options: SubscribeToTopic, handler: MessageBatchHandler): BusSubscription {
    const subscription = this.open(options, handler);
    return { stop: () => this.stopSubscription(subscription) };
  }

  health(): BusHealth {
    const subscriptions = [...this.subscriptions].map((s) => s.health());
    const { state, since, lastError } = this.connection;
    const waiting = subscriptions.some((s) => !s.joined || s.consecutiveFailures > 0);
    return {
      status: state === 'unreachable' ? 'down' : waiting ? 'degraded' : 'up',
      details: {
        brokers: this.options.brokers,
        connection: { state, since: since.toISOString(), ...(lastError ? { lastError } : {}) },
        subscriptions,
      },
    };
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    // Aborts publishes that are retrying, and refuses new calls.
    this.closing.abort();
    const done = await settleWithin(
      [
        ...[...this.subscriptions].map((s) => this.stopSubscription(s)),
        // kafkajs's producer sends each batch as it is published: nothing is buffered, so
        // there is nothing to flush. A client whose connect failed has nothing to close.
        ...this.producers.map((producer) => producer?.then((p) => p.disconnect(), () => undefined)),
        this.admin?.then((a) => a.disconnect(), () => undefined),
      ],
      this.stopTimeoutMs + 1_000,
    );
    if (!done) this.logger.warn(`the Kafka clients did not disconnect within ${this.stopTimeoutMs + 1_000} ms; closing their connections`);
    const leftOpen = await this.sockets.closeAll();
    if (leftOpen > 0) this.logger.debug(`closed ${leftOpen} connection(s) kafkajs left open`);
  }

  /** A subscription joining in the background, registered for health and close(). */
  private open(options: SubscribeToTopic, handler: MessageBatchHandler): KafkaSubscription {
    this.assertOpen();
    const subscription = new KafkaSubscription((sockets) => this.client(sockets), options, handler, {
      consumer: {
        sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
        heartbeatInterval: this.options.heartbeatIntervalMs ?? 1_000,
        rebalanceTimeout: this.options.rebalanceTimeoutMs ?? 20_000,
        // Bounds how long stop() waits for an idle long-poll to return.
        maxWaitTimeInMs: 1_000,
        maxBytesPerPartition: this.options.maxBytesPerPartition ?? 1024 * 1024,
        allowAutoTopicCreation: false,
        retry: { ...CLIENT_RETRY, retries: 10 },
      },
      backoff: this.backoff,
      joinTimeoutMs: this.options.joinTimeoutMs ?? 30_000,
      stopTimeoutMs: this.stopTimeoutMs,
      isolateAfter: this.options.isolateAfter ?? 3,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      prepare: () => this.ensureTopic(options.topic),
      publish: (topic, messages, signal) => this.publish(topic, messages, { signal }),
      reachable: (ok, error) => this.reachable(ok, error),
    });
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  private reachable(ok: boolean, error?: unknown): void {
    const state = ok ? 'connected' : 'unreachable';
    if (this.connection.state !== state) this.connection = { ...this.connection, state, since: new Date() };
    if (!ok && error !== undefined) this.connection.lastError = { ...describeError(error), at: new Date().toISOString() };
  }

  /** One kafkajs client per set of sockets: the bus's producer and admin share one, each subscription has its own. */
  private client(sockets: KafkaSockets): Kafka {
    return new Kafka({
      clientId: this.options.clientId,
      brokers: this.options.brokers,
      socketFactory: sockets.factory,
      connectionTimeout: 3_000,
      requestTimeout: 30_000,
      retry: CLIENT_RETRY,
      logLevel: LOG_LEVELS[this.options.logLevel ?? 'warn'],
      logCreator: nestLogCreator(this.logger, () => sockets.closed),
    });
  }

  private async stopSubscription(subscription: KafkaSubscription): Promise<void> {
    this.subscriptions.delete(subscription);
    await subscription.stop();
  }

  private assertOpen(): void {
    if (this.closing.signal.aborted) throw new LedgerError(BUS_CLOSED, 'the Kafka bus is closed');
  }

  /**
   * Runs `call` until it succeeds, its error is not retriable, `signal` aborts, or the
   * unavailable timeout passes, backing off with jitter between attempts. An abort ends
   * the wait at once, even in the middle of a kafkajs call (which then fails by itself
   * when close() cuts its connections).
   */
  private async retrying(action: string, signal: AbortSignal, call: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + this.unavailableTimeoutMs;
    for (let attempt = 1; ; attempt++) {
      this.assertNotAborted(signal, action);
      try {
        await untilAborted(call(), signal);
        this.reachable(true);
        return;
      } catch (raw) {
        this.assertNotAborted(signal, action);
        const err = toLedgerError(raw, action);
        if (isRetriable(err)) this.reachable(false, err);
        const delay = backoffDelay(attempt, this.backoff);
        if (!isRetriable(err) || Date.now() + delay > deadline) throw err;
        this.logger.warn(`${(err as LedgerError).message} (attempt ${attempt}); retrying in ${delay} ms`);
        await pause(delay, signal);
      }
    }
  }

  private assertNotAborted(signal: AbortSignal, action: string): void {
    this.assertOpen();
    if (signal.aborted) throw new LedgerError(BUS_ABORTED, `${action}: given up by the caller`, true);
  }

  private ensureTopic(topic: string): Promise<void> {
    let ready = this.topics.get(topic);
    if (!ready) {
      ready = this.createTopic(topic);
      this.topics.set(topic, ready);
      ready.catch(() => this.topics.delete(topic));
    }
    return ready;
  }

  private async createTopic(topic: string): Promise<void> {
    const admin = await this.connectedAdmin();
    // Resolves false when the topic already exists, which is just as good. Unset
    // partitions and replication mean the broker's defaults.
    await admin.createTopics({
      topics: [{ topic, ...(this.options.numPartitions ? { numPartitions: this.options.numPartitions } : {}) }],
      waitForLeaders: true,
      timeout: 10_000,
    });
  }

  private connectedProducer(topic: string): Promise<Producer> {
    // A client first connected after close() would never be disconnected.
    this.assertOpen();
    let slot = this.producerOf.get(topic);
    if (slot === undefined) this.producerOf.set(topic, (slot = this.producerOf.size % (this.options.producers ?? 4)));
    const producer = this.producers[slot];
    if (producer) return producer;
    const connecting = this.connect(
      this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: true,
        // Java clients' partitioner (murmur2), so a key lands where other Kafka clients put it.
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: CLIENT_RETRY,
      }),
      () => this.producers[slot] === connecting && (this.producers[slot] = undefined),
    );
    this.producers[slot] = connecting;
    return connecting;
  }

  private connectedAdmin(): Promise<Admin> {
    this.assertOpen();
    this.admin ??= this.connect(this.kafka.admin(), () => (this.admin = undefined));
    return this.admin;
  }

  private async connect<T extends { connect(): Promise<void> }>(client: T, forget: () => void): Promise<T> {
    try {
      await client.connect();
      return client;
    } catch (err) {
      forget();
      throw err;
    }
  }
}
