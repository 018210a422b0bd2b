import { Logger } from '@nestjs/common';
import { Admin, Kafka, Partitioners, Producer, logLevel } from 'kafkajs';
import { LedgerError } from '@app/contracts';
import { BusHealth, BusMessage, BusSubscription, MessageBatchHandler, MessageBus, SubscribeToTopic } from '../../bus.port';
import { BackoffPolicy, backoffDelay, pause } from './backoff';
import { BUS_CLOSED, isRetriable, toLedgerError } from './kafka-errors';
import { nestLogCreator } from './kafka-log';
import { toKafka } from './kafka-messages';
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
  /** How long subscribe() waits for its consumer to join the group. Default 30 s. */
  joinTimeoutMs?: number;
  /**
   * How long the group waits for a silent consumer before handing its partitions to
   * others; also the longest a handler may run on one batch. Default 30 s.
   */
  sessionTimeoutMs?: number;
  /** Waits between retries of a failing handler and of a failed publish. Default 100 ms doubling to 10 s. */
  backoff?: BackoffPolicy;
  /** Lowest kafkajs log level routed to the Nest logger. Default warn. */
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
}

const LOG_LEVELS = { error: logLevel.ERROR, warn: logLevel.WARN, info: logLevel.INFO, debug: logLevel.DEBUG } as const;
/** kafkajs's own retries (exponential, with jitter) ride out short outages inside one call. */
const CLIENT_RETRY = { initialRetryTime: 300, maxRetryTime: 5_000, retries: 6 };

/**
 * The bus on Apache Kafka (kafkajs). Publishing uses one idempotent producer with
 * acks=all, so an acknowledged publish is on every in-sync replica and a retried send
 * adds no duplicates. Each subscription is its own consumer in its group (see
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
  private readonly subscriptions = new Set<KafkaSubscription>();
  /** Topics known to exist, or being created; a failed creation is forgotten so the next call tries again. */
  private readonly topics = new Map<string, Promise<void>>();
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;

  constructor(private readonly options: KafkaBusOptions) {
    if (options.brokers.length === 0) throw new LedgerError('BUS.CONFIG', 'KafkaBus needs at least one broker');
    this.backoff = options.backoff ?? { initialMs: 100, maxMs: 10_000 };
    this.unavailableTimeoutMs = options.unavailableTimeoutMs ?? 60_000;
    this.kafka = this.client(this.sockets);
  }

  async publish(topic: string, messages: BusMessage[]): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    const record = { topic, acks: -1, messages: messages.map(toKafka) };
    await this.retrying(`publishing to ${topic}`, async () => {
      await this.ensureTopic(topic);
      const producer = await this.connectedProducer();
      await producer.send(record);
    });
  }

  async subscribe(options: SubscribeToTopic, handler: MessageBatchHandler): Promise<BusSubscription> {
    this.assertOpen();
    await this.retrying(`creating topic ${options.topic}`, () => this.ensureTopic(options.topic));
    const subscription = new KafkaSubscription((sockets) => this.client(sockets), options, handler, {
      consumer: {
        sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
        // Bounds how long stop() waits for an idle long-poll to return.
        maxWaitTimeInMs: 1_000,
        allowAutoTopicCreation: false,
        retry: { ...CLIENT_RETRY, retries: 10 },
      },
      backoff: this.backoff,
      joinTimeoutMs: this.options.joinTimeoutMs ?? 30_000,
    });
    try {
      await subscription.start();
    } catch (err) {
      // Releases whatever the failed start left connected; the start's error is the one to report.
      await subscription.stop().catch(() => undefined);
      throw err;
    }
    this.subscriptions.add(subscription);
    if (this.closing.signal.aborted) {
      await this.stopSubscription(subscription);
      throw new LedgerError(BUS_CLOSED, 'the bus was closed while subscribing');
    }
    return { stop: () => this.stopSubscription(subscription) };
  }

  health(): BusHealth {
    // Filled in with connection and consumer-group state by the Kafka resilience work.
    return { status: 'up', details: {} };
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    const results = await Promise.allSettled([
      ...[...this.subscriptions].map((s) => this.stopSubscription(s)),
      // A client whose connect failed has nothing to close; its caller already got that error.
      this.producer?.then((p) => p.disconnect(), () => undefined),
      this.admin?.then((a) => a.disconnect(), () => undefined),
    ]);
    const leftOpen = await this.sockets.closeAll();
    if (leftOpen > 0) this.logger.debug(`closed ${leftOpen} connection(s) kafkajs left open`);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw toLedgerError(failure.reason, 'closing the Kafka bus');
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
   * Runs `call` until it succeeds, its error is not retriable, the bus closes, or the
   * unavailable timeout passes, backing off with jitter between attempts.
   */
  private async retrying(action: string, call: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + this.unavailableTimeoutMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await call();
        return;
      } catch (raw) {
        const err = toLedgerError(raw, action);
        const delay = backoffDelay(attempt, this.backoff);
        if (!isRetriable(err) || this.closing.signal.aborted || Date.now() + delay > deadline) throw err;
        this.logger.warn(`${(err as LedgerError).message} (attempt ${attempt}); retrying in ${delay} ms`);
        await pause(delay, this.closing.signal);
        this.assertOpen();
      }
    }
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

  private connectedProducer(): Promise<Producer> {
    // A client first connected after close() would never be disconnected.
    this.assertOpen();
    this.producer ??= this.connect(
      this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: true,
        // Java clients' partitioner (murmur2), so a key lands where other Kafka clients put it.
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: CLIENT_RETRY,
      }),
      () => (this.producer = undefined),
    );
    return this.producer;
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
