import { LedgerError } from '@app/contracts';
import { ConsumedMessage, DEAD_LETTER_HEADERS, MessageBatchHandler, SubscriptionHealth } from './bus.port';

/** The code and a short message of any error, for health and dead-letter headers: never a stack, never a value. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof LedgerError) return { code: error.code, message: error.message.slice(0, 300) };
  if (error instanceof Error) return { code: 'HANDLER.FAILED', message: `${error.name}: ${error.message}`.slice(0, 300) };
  return { code: 'HANDLER.FAILED', message: String(error).slice(0, 300) };
}

/** True when the same call may succeed later (broker or storage unavailable): such errors never isolate a message. */
export function isRetriableError(error: unknown): boolean {
  return error instanceof LedgerError && error.retriable;
}

/** The state of one subscription as health reports it; kept by each adapter, read without I/O. */
export class SubscriptionMonitor {
  joined = false;
  private failures = 0;
  private stalledSince?: Date;
  private lastError?: SubscriptionHealth['lastError'];
  private parked = 0;

  constructor(
    readonly topic: string,
    readonly groupId: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** A handler attempt, a start or a park failed. */
  failed(error: unknown): void {
    this.failures += 1;
    this.stalledSince ??= this.clock();
    this.lastError = { ...describeError(error), at: this.clock().toISOString() };
  }

  /** Records an error that is not a stall (a crash the consumer recovers from). */
  noted(error: unknown): void {
    this.lastError = { ...describeError(error), at: this.clock().toISOString() };
  }

  /** A batch (or part of one) was handled or parked: the partition moves again. */
  moved(): void {
    this.failures = 0;
    this.stalledSince = undefined;
  }

  parkedOne(): void {
    this.parked += 1;
  }

  get stalled(): boolean {
    return this.failures > 0;
  }

  snapshot(): SubscriptionHealth {
    return {
      topic: this.topic,
      groupId: this.groupId,
      joined: this.joined,
      consecutiveFailures: this.failures,
      ...(this.stalledSince ? { stalledSince: this.stalledSince.toISOString() } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
      parked: this.parked,
    };
  }
}

/** What deliver() needs from the adapter that fetched the batch. */
export interface DeliveryContext {
  handler: MessageBatchHandler;
  /** Aborts when the subscription stops. */
  signal: AbortSignal;
  monitor: SubscriptionMonitor;
  /** False once the consumer no longer owns the partition or is stopping: the batch is then left uncommitted. */
  active(): boolean;
  /** Waits before the next attempt (backing off) and keeps the group membership alive. */
  pauseAfterFailure(attempt: number, messages: ConsumedMessage[], error: unknown): Promise<void>;
  /** Makes progress through `last` (inclusive) durable, so a restart does not repeat it. */
  commit(last: ConsumedMessage): Promise<void>;
  /** Publishes a message to the dead-letter topic; undefined when the subscription has none. */
  park?: (message: ConsumedMessage, error: unknown) => Promise<void>;
  /** Non-retriable failures of one (part of a) batch before it is split. */
  isolateAfter: number;
}

/**
 * Hands `messages` to the handler until they are handled, and resolves true; or false
 * when the consumer stops owning them (then nothing after the last commit counts).
 *
 * Retriable errors (broker, storage unavailable) are retried with backoff for as long
 * as they last. A batch that keeps failing otherwise is split in halves, each handled
 * and committed in order, until the one message that fails on its own is found; that
 * message is parked on the dead-letter topic and the rest goes on. Order per key holds
 * for every message but the parked one. Parts already handled before a split may be
 * handled again: delivery is at-least-once, and handlers dedupe.
 */
export async function deliver(messages: ConsumedMessage[], ctx: DeliveryContext): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    if (!ctx.active()) return false;
    try {
      await ctx.handler(messages, ctx.signal);
      ctx.monitor.moved();
      return true;
    } catch (error) {
      if (!ctx.active()) return false;
      ctx.monitor.failed(error);
      if (ctx.park && !isRetriableError(error) && attempt >= ctx.isolateAfter) {
        return messages.length === 1 ? parkWithRetry(messages[0], error, ctx) : split(messages, ctx);
      }
      await ctx.pauseAfterFailure(attempt, messages, error);
    }
  }
}

async function split(messages: ConsumedMessage[], ctx: DeliveryContext): Promise<boolean> {
  const middle = Math.ceil(messages.length / 2);
  const head = messages.slice(0, middle);
  if (!(await deliver(head, ctx))) return false;
  await ctx.commit(head[head.length - 1]);
  return deliver(messages.slice(middle), ctx);
}

async function parkWithRetry(message: ConsumedMessage, error: unknown, ctx: DeliveryContext): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    if (!ctx.active()) return false;
    try {
      await ctx.park!(message, error);
      ctx.monitor.parkedOne();
      ctx.monitor.moved();
      return true;
    } catch (parkError) {
      if (!ctx.active()) return false;
      ctx.monitor.failed(parkError);
      await ctx.pauseAfterFailure(attempt, [message], parkError);
    }
  }
}

/**
 * The dead-letter copy of a message: same key and value, its headers less any
 * `authorization` (a credential must not spread to another topic), and where it came
 * from and why it was parked.
 */
export function deadLetter(message: ConsumedMessage, groupId: string, error: unknown, now: Date): { key: string; value: string; headers: Record<string, string> } {
  const headers = Object.fromEntries(Object.entries(message.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'authorization'));
  const { code, message: reason } = describeError(error);
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...headers,
      [DEAD_LETTER_HEADERS.topic]: message.topic,
      [DEAD_LETTER_HEADERS.partition]: String(message.partition),
      [DEAD_LETTER_HEADERS.offset]: message.offset,
      [DEAD_LETTER_HEADERS.group]: groupId,
      [DEAD_LETTER_HEADERS.errorCode]: code,
      [DEAD_LETTER_HEADERS.errorMessage]: reason,
      [DEAD_LETTER_HEADERS.parkedAt]: now.toISOString(),
    },
  };
}
