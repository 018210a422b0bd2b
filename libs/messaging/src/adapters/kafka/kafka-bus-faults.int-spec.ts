/*
 * KafkaBus under faults, on a real broker (KAFKA_BROKERS; skipped with the reason when
 * unset): a message no handler can process, a consumer that joins in the background,
 * and closing while the broker cannot be reached.
 */
import { LedgerError } from '@app/contracts';
import { ConsumedMessage, DEAD_LETTER_HEADERS } from '@app/messaging';
import { eventually, freePort, uniqueName } from '@app/testing';
import { KafkaBus } from './kafka-bus';

const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
if (brokers.length === 0) console.warn('KafkaBus fault tests skipped: KAFKA_BROKERS is not set (start a broker with deploy/kafka/kafka.sh up)');
const withBroker = brokers.length > 0 ? describe : describe.skip;

/** Nests `depth` arrays: deeper than any recursive validator can walk. */
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

withBroker('KafkaBus under faults', () => {
  const timeoutMs = 90_000;
  let bus: KafkaBus;
  beforeAll(() => {
    bus = new KafkaBus({ brokers, clientId: uniqueName('faults-'), backoff: { initialMs: 50, maxMs: 500 } });
  });
  afterAll(async () => {
    await bus?.close();
  }, timeoutMs);

  describe('when a handler can never process one message of a partition', () => {
    it('parks that message on the dead-letter topic with the error, and handles the next ones', async () => {
      const topic = uniqueName('t-');
      const deadLetterTopic = uniqueName('dlq-');
      const groupId = uniqueName('g-');
      // One key: one partition, so the poison sits in front of the messages after it.
      await bus.publish(topic, [
        ...Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: JSON.stringify({ n: i }) })),
        { key: 'k', value: nested(10_000), headers: { authorization: 'Bearer clk_secret', trace: 't-1' } },
        ...Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: JSON.stringify({ n: 5 + i }) })),
      ]);
      const handled = new Set<string>();
      const sub = await bus.subscribe({ topic, groupId, deadLetterTopic }, async (batch) => {
        // A recursive walk over the value, as a validator does: the poison overflows the stack.
        const depth = (v: unknown): number => (Array.isArray(v) ? 1 + Math.max(0, ...v.map(depth)) : 0);
        for (const m of batch) depth(JSON.parse(m.value));
        for (const m of batch) handled.add(m.value);
      });
      const parked: ConsumedMessage[] = [];
      const dlq = await bus.subscribe({ topic: deadLetterTopic, groupId: uniqueName('g-') }, async (batch) => {
        parked.push(...batch);
      });
      try {
        await eventually(() => handled.size === 10 && parked.length === 1, 60_000, 'every other message handled and the poison parked');
        expect(parked[0].value).toBe(nested(10_000));
        expect(parked[0].headers).toMatchObject({
          trace: 't-1',
          [DEAD_LETTER_HEADERS.topic]: topic,
          [DEAD_LETTER_HEADERS.offset]: '5',
          [DEAD_LETTER_HEADERS.group]: groupId,
          [DEAD_LETTER_HEADERS.errorCode]: 'HANDLER.FAILED',
          [DEAD_LETTER_HEADERS.errorMessage]: 'RangeError: Maximum call stack size exceeded',
        });
        expect(parked[0].headers).not.toHaveProperty('authorization');
        const health = bus.health().details.subscriptions?.find((s) => s.groupId === groupId);
        expect(health).toMatchObject({ joined: true, parked: 1, consecutiveFailures: 0, lastError: { code: 'HANDLER.FAILED' } });
      } finally {
        await Promise.all([sub.stop(), dlq.stop()]);
      }
    }, timeoutMs);
  });

  describe('when a handler fails with a retriable error (storage unavailable)', () => {
    it('parks nothing, reports the stall in health, and goes on once the error passes', async () => {
      const topic = uniqueName('t-');
      const groupId = uniqueName('g-');
      await bus.publish(topic, [{ key: 'k', value: 'a' }, { key: 'k', value: 'b' }]);
      let available = false;
      const handled: string[] = [];
      const sub = await bus.subscribe({ topic, groupId, deadLetterTopic: uniqueName('dlq-') }, async (batch) => {
        if (!available) throw new LedgerError('STORAGE.UNAVAILABLE', 'the disk is full', true);
        handled.push(...batch.map((m) => m.value));
      });
      try {
        const mine = () => bus.health().details.subscriptions?.find((s) => s.groupId === groupId);
        await eventually(() => (mine()?.consecutiveFailures ?? 0) >= 5, 30_000, 'repeated failures');
        expect(bus.health().status).toBe('degraded');
        expect(mine()).toMatchObject({ stalledSince: expect.any(String), lastError: { code: 'STORAGE.UNAVAILABLE' }, parked: 0 });
        available = true;
        await eventually(() => handled.length === 2, 30_000, 'the batch handled once storage is back');
        expect(handled).toEqual(['a', 'b']);
        expect(mine()).toMatchObject({ consecutiveFailures: 0, parked: 0 });
        expect(mine()).not.toHaveProperty('stalledSince');
      } finally {
        await sub.stop();
      }
    }, timeoutMs);
  });

  describe('when a service consumes in the background', () => {
    it('returns at once, is degraded until its group joins, then up, and receives messages', async () => {
      const topic = uniqueName('t-');
      const groupId = uniqueName('g-');
      const got: string[] = [];
      const sub = bus.consume({ topic, groupId }, async (batch) => {
        got.push(...batch.map((m) => m.value));
      });
      try {
        expect(bus.health()).toMatchObject({ status: 'degraded', details: { subscriptions: [expect.objectContaining({ groupId, joined: false })] } });
        await eventually(() => bus.health().status === 'up', 60_000, 'the group joined');
        await bus.publish(topic, [{ key: 'k', value: 'hello' }]);
        await eventually(() => got.length === 1, 30_000, 'delivery');
        expect(got).toEqual(['hello']);
      } finally {
        await sub.stop();
      }
    }, timeoutMs);
  });
});

describe('KafkaBus when no broker can be reached', () => {
  it('consumes without failing its caller, reports down, and closes within its bound', async () => {
    // A port nothing listens on: every connection is refused at once.
    const bus = new KafkaBus({ brokers: [`127.0.0.1:${await freePort()}`], clientId: uniqueName('nobroker-'), stopTimeoutMs: 2_000 });
    bus.consume({ topic: uniqueName('t-'), groupId: uniqueName('g-') }, async () => undefined);
    const publishing = bus.publish(uniqueName('t-'), [{ key: 'k', value: 'v' }]).catch((err: unknown) => err);
    await eventually(() => bus.health().status === 'down', 60_000, 'health says down');
    expect(bus.health().details).toMatchObject({ connection: { state: 'unreachable', lastError: { code: 'BUS.UNAVAILABLE' } } });

    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), 8_000)));
    const outcome = await Promise.race([bus.close().then(() => 'closed' as const), bound]).finally(() => clearTimeout(timer));
    expect(outcome).toBe('closed');
    // The publish in flight gives up when the bus closes: not acknowledged, so its caller retries.
    expect(await publishing).toMatchObject({ code: 'BUS.CLOSED' });
  }, 90_000);
});
