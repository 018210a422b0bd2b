export interface BusMessage {
  /** Messages with the same key keep their order. */
  key: string;
  /** UTF-8 payload, usually JSON. */
  value: string;
  headers?: Record<string, string>;
}

export interface ConsumedMessage extends BusMessage {
  topic: string;
  partition: number;
  offset: string;
}

export interface SubscribeToTopic {
  topic: string;
  /** Consumers in one group share the work; each group sees every message. */
  groupId: string;
  /** Where a group with no committed offset starts: the earliest message (default) or only new ones. */
  fromBeginning?: boolean;
  /**
   * Where a message goes that the handler cannot process: when the handler keeps
   * failing with an error that is not retriable, the batch is split until that one
   * message is found, which is published here with the error in its headers (see
   * DEAD_LETTER_HEADERS) and then committed, so it never blocks its partition. Unset, the
   * isolated message is retried for as long as it fails, and health shows the stall.
   */
  deadLetterTopic?: string;
}

/**
 * Handles one batch; resolving commits it. `signal` aborts when the subscription stops:
 * a handler still running may give up (the batch is then delivered again).
 */
export type MessageBatchHandler = (messages: ConsumedMessage[], signal: AbortSignal) => Promise<void>;

export interface BusSubscription {
  stop(): Promise<void>;
}

export interface PublishOptions {
  /** Gives up (rejects) once aborted; a message may still have reached the broker, as with any failed publish. */
  signal?: AbortSignal;
}

/** Headers a dead-lettered message carries besides its own (less `authorization`). */
export const DEAD_LETTER_HEADERS = {
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
  group: 'dlq-group',
  errorCode: 'dlq-error-code',
  errorMessage: 'dlq-error-message',
  parkedAt: 'dlq-parked-at',
} as const;

/** What health says of one subscription. */
export interface SubscriptionHealth {
  topic: string;
  groupId: string;
  /** Member of its group and fetching. */
  joined: boolean;
  /** Failed attempts of the batch in hand, in a row; 0 when the last attempt succeeded. */
  consecutiveFailures: number;
  /** When the batch in hand first failed (ISO 8601), while it keeps failing. */
  stalledSince?: string;
  lastError?: { code: string; message: string; at: string };
  /** Messages sent to the dead-letter topic since start. */
  parked: number;
}

/**
 * What the bus says about itself for `/health`: `up` when connected and every consumer
 * has joined and is moving; `degraded` while consumers join or retry (HTTP still serves);
 * `down` when the broker cannot be reached. `details` is safe to show (no secrets).
 */
export interface BusHealth {
  status: 'up' | 'degraded' | 'down';
  details: Record<string, unknown> & { subscriptions?: SubscriptionHealth[] };
}

/**
 * Messaging between services. Delivery is at-least-once: a group's position moves only
 * after its handler resolves, and a failed handler sees the same messages again, so
 * handlers dedupe (on eventId). Order holds per key. A message the handler can never
 * process is set aside (see SubscribeToTopic.deadLetterTopic), never retried forever.
 */
export interface MessageBus {
  /** Resolves once the bus has the messages durably. */
  publish(topic: string, messages: BusMessage[], options?: PublishOptions): Promise<void>;
  /**
   * Resolves once the consumer has joined its group, so a message published afterwards
   * is seen even with `fromBeginning: false`; rejects (BUS.UNAVAILABLE) if it cannot join
   * in time. For tools and tests; services use consume().
   */
  subscribe(options: SubscribeToTopic, handler: MessageBatchHandler): Promise<BusSubscription>;
  /**
   * Starts consuming in the background and returns at once: the consumer joins its group,
   * retrying with backoff until stop(), and never fails its caller. health() says whether
   * it has joined. A service's start must never wait for a group (it can take a session
   * timeout after a crash).
   */
  consume(options: SubscribeToTopic, handler: MessageBatchHandler): BusSubscription;
  /** Stops every subscription and the producer within a bounded time, even with the broker down. */
  close(): Promise<void>;
  /** Current state of the connection and of every subscription, read without I/O. */
  health(): BusHealth;
}
