import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { BusHealth, BusMessage, BusSubscription, ConsumedMessage, MessageBatchHandler, MessageBus, SubscribeToTopic } from '../../bus.port';

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
 * keeps at most `retention` messages, so memory stays bounded.
 */
export class MemoryBus implements MessageBus {
  private readonly topics = new Map<string, Topic>();
  private readonly signal = new EventEmitter();
  private readonly subscriptions = new Set<{ stop(): Promise<void> }>();

  constructor(private readonly retention = 100_000) {
    this.signal.setMaxListeners(0);
  }

  private topic(name: string): Topic {
    let t = this.topics.get(name);
    if (!t) this.topics.set(name, (t = { base: 0, messages: [], groups: new Map() }));
    return t;
  }

  async publish(topic: string, messages: BusMessage[]): Promise<void> {
    const t = this.topic(topic);
    for (const m of messages) t.messages.push({ key: m.key, value: m.value, headers: m.headers ? { ...m.headers } : undefined });
    this.trim(t);
    this.signal.emit(topic);
  }

  async subscribe(options: SubscribeToTopic, handler: MessageBatchHandler): Promise<BusSubscription> {
    const t = this.topic(options.topic);
    if (!t.groups.has(options.groupId)) {
      t.groups.set(options.groupId, options.fromBeginning === false ? t.base + t.messages.length : t.base);
    }
    let stopped = false;
    let wake: (() => void) | undefined;
    const onPublish = () => wake?.();
    this.signal.on(options.topic, onPublish);

    const loop = async () => {
      let attempt = 0;
      while (!stopped) {
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
        try {
          await handler(consumed);
          t.groups.set(options.groupId, next + batch.length);
          this.trim(t);
          attempt = 0;
        } catch {
          attempt += 1;
          await sleep(Math.min(2000, 20 * 2 ** attempt));
        }
      }
    };
    const running = loop();
    const subscription = {
      stop: async () => {
        stopped = true;
        this.signal.off(options.topic, onPublish);
        wake?.();
        await running;
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
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
    return { status: 'up', details: { subscriptions: this.subscriptions.size } };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
  }
}
