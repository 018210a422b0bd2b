import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackoffPolicy, backoffDelay } from '@app/contracts';
import { BusHealth, BusMessage, BusSubscription, ConsumedMessage, MessageBatchHandler, MessageBus, PublishOptions, SubscribeToTopic } from '../../bus.port';
import { deadLetter, deliver, SubscriptionMonitor } from '../../delivery';

/** In-process delivery: a failing handler is retried quickly, 40 ms up to 2 s. */
const RETRY: BackoffPolicy = { initialMs: 40, maxMs: 2_000 };

interface Topic {
  /** Offset of messages[0]; older messages were trimmed. */
  base: number;
  messages: BusMessage[];
  /** Next offset each group will read. */
  groups: Map<string, number>;
}

/**
 * One-process bus for the embedded ledger and for tests: one partition per topic, groups
 * with committed offsets. Messages every known group has read are trimmed, and a topic
 * keeps at most `retention` messages, so memory stays bounded. Failures are handled as
 * on Kafka (see deliver()): a message the handler cannot process goes to the
 * subscription's dead-letter topic.
 */
export class MemoryBus implements MessageBus {
  private readonly topics = new Map<string, Topic>();
  private readonly signal = new EventEmitter();
  private readonly subscriptions = new Map<BusSubscription, SubscriptionMonitor>();

  constructor(private readonly retention = 100_000) {
    this.signal.setMaxListeners(0);
  }

  private topic(name: string): Topic {
    let t = this.topics.get(name);
    if (!t) this.topics.set(name, (t = { base: 0, messages: [], groups: new Map() }));
    return t;
  }

  async publish(topic: string, messages: BusMessage[], _options?: PublishOptions): Promise<void> {
    const t = this.topic(topic);
    for (const m of messages) t.messages.push({ key: m.key, value: m.value, headers: m.headers ? { ...m.headers } : undefined });
    this.trim(t);
    this.signal.emit(topic);
  }

  async subscribe(options: SubscribeToTopic, handler: MessageBatchHandler): Promise<BusSubscription> {
    return this.consume(options, handler);
  }

  consume(options: SubscribeToTopic, handler: MessageBatchHandler): BusSubscription {
    const t = this.topic(options.topic);
    if (!t.groups.has(options.groupId)) {
      t.groups.set(options.groupId, options.fromBeginning === false ? t.base + t.messages.length : t.base);
    }
    const stopping = new AbortController();
    const monitor = new SubscriptionMonitor(options.topic, options.groupId);
    monitor.joined = true;
    let wake: (() => void) | undefined;
    const onPublish = () => wake?.();
    this.signal.on(options.topic, onPublish);
    const commit = async (last: ConsumedMessage) => {
      t.groups.set(options.groupId, Number(last.offset) + 1);
      this.trim(t);
    };
    const deadLetterTopic = options.deadLetterTopic;

    const loop = async () => {
      while (!stopping.signal.aborted) {
        const next = Math.max(t.groups.get(options.groupId) ?? t.base, t.base);
        const batch = t.messages.slice(next - t.base, next - t.base + 500);
        if (batch.length === 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 250);
          });
          continue;
        }
        const consumed: ConsumedMessage[] = batch.map((m, i) => ({ ...m, topic: options.topic, partition: 0, offset: String(next + i) }));
        const handled = await deliver(consumed, {
          handler,
          signal: stopping.signal,
          monitor,
          active: () => !stopping.signal.aborted,
          isolateAfter: 3,
          commit,
          park: deadLetterTopic ? (message, error) => this.publish(deadLetterTopic, [deadLetter(message, options.groupId, error, new Date())]) : undefined,
          pauseAfterFailure: (attempt) => sleep(backoffDelay(attempt, RETRY), undefined, { signal: stopping.signal }).catch(() => undefined),
        });
        if (handled) await commit(consumed[consumed.length - 1]);
      }
    };
    const running = loop();
    const subscription: BusSubscription = {
      stop: async () => {
        stopping.abort();
        this.signal.off(options.topic, onPublish);
        wake?.();
        await running;
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.set(subscription, monitor);
    return subscription;
  }

  private trim(t: Topic): void {
    const slowest = t.groups.size ? Math.min(...t.groups.values()) : t.base;
    const drop = Math.max(slowest - t.base, t.messages.length - this.retention, 0);
    if (drop > 0) {
      t.messages.splice(0, drop);
      t.base += drop;
    }
  }

  health(): BusHealth {
    const subscriptions = [...this.subscriptions.values()].map((m) => m.snapshot());
    return { status: subscriptions.some((s) => s.consecutiveFailures > 0) ? 'degraded' : 'up', details: { subscriptions } };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions.keys()].map((s) => s.stop()));
  }
}
