import { randomUUID } from 'node:crypto';
import { AnyEvent, NewEvent } from '@app/contracts';

/** A unique name per test, so suites can share a real engine. */
export function uniqueName(prefix: string): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** A minimal well-formed event for port-level tests: any name, so stores under test are typed EventStore<AnyEvent>. */
export function testEvent(type = 'TestHappened', data: Record<string, unknown> = {}, eventId: string = randomUUID(), requestFingerprint?: string): NewEvent<AnyEvent> {
  const now = new Date().toISOString();
  return {
    type,
    data,
    metadata: {
      eventId, actor: { role: 'system', id: 'test' }, correlationId: randomUUID(), channel: 'internal', occurredAt: now, recordedAt: now,
      ...(requestFingerprint ? { requestFingerprint } : {}),
    },
  };
}

/** Resolves when `check` returns true, polling; rejects with `message` after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000, message = 'condition not met'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
