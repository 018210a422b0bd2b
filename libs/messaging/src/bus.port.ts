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
}

export type MessageBatchHandler = (messages: ConsumedMessage[]) => Promise<void>;

export interface BusSubscription {
  stop(): Promise<void>;
}

/**
 * What the bus says about itself for `/health`: `up` when connected and every consumer
 * has joined and is moving; `degraded` while consumers join or retry (HTTP still serves);
 * `down` when the broker cannot be reached. `details` is safe to show (no secrets).
 */
export interface BusHealth {
  status: 'up' | 'degraded' | 'down';
  details: Record<string, unknown>;
}

/**
 * Messaging between services. Delivery is at-least-once: a group's position moves only
 * after its handler resolves, and a failed handler sees the same messages again, so
 * handlers dedupe (on eventId). Order holds per key.
 */
export interface MessageBus {
  /** Resolves once the bus has the messages durably. */
  publish(topic: string, messages: BusMessage[]): Promise<void>;
  subscribe(options: SubscribeToTopic, handler: MessageBatchHandler): Promise<BusSubscription>;
  close(): Promise<void>;
  /** Current state of the connection and of every subscription, read without I/O. */
  health(): BusHealth;
}
