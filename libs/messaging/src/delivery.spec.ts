import { LedgerError } from '@app/contracts';
import { ConsumedMessage, DEAD_LETTER_HEADERS } from './bus.port';
import { deadLetter, deliver, DeliveryContext, SubscriptionMonitor } from './delivery';

const message = (offset: number, value = `v${offset}`): ConsumedMessage => ({ topic: 't', partition: 0, offset: String(offset), key: `k${offset}`, value });
const batch = (n: number) => Array.from({ length: n }, (_, i) => message(i));

/** A delivery context over a handler, recording commits, parks and pauses. */
function context(handler: (messages: ConsumedMessage[]) => Promise<void>, options: { park?: boolean; active?: () => boolean } = {}) {
  const record = { commits: [] as string[], parked: [] as string[], pauses: 0, handled: [] as string[] };
  const monitor = new SubscriptionMonitor('t', 'g', () => new Date('2026-01-01T00:00:00Z'));
  const ctx: DeliveryContext = {
    handler: async (messages) => {
      await handler(messages);
      record.handled.push(...messages.map((m) => m.offset));
    },
    signal: new AbortController().signal,
    monitor,
    active: options.active ?? (() => true),
    isolateAfter: 2,
    commit: async (last) => void record.commits.push(last.offset),
    park: options.park === false ? undefined : async (m) => void record.parked.push(m.offset),
    pauseAfterFailure: async () => void (record.pauses += 1),
  };
  return { ctx, record, monitor };
}

const poison = (offset: string) => async (messages: ConsumedMessage[]) => {
  if (messages.some((m) => m.offset === offset)) throw new RangeError('Maximum call stack size exceeded');
};

describe('deliver', () => {
  describe('when one message of a batch always fails with a non-retriable error', () => {
    it('parks only that message and handles every other one, in order', async () => {
      const { ctx, record, monitor } = context(poison('5'));
      await expect(deliver(batch(8), ctx)).resolves.toBe(true);
      expect(record.parked).toEqual(['5']);
      expect(record.handled).toEqual(['0', '1', '2', '3', '4', '6', '7']);
      expect(monitor.snapshot()).toMatchObject({ parked: 1, consecutiveFailures: 0, lastError: { code: 'HANDLER.FAILED', message: 'RangeError: Maximum call stack size exceeded' } });
    });

    it('commits the handled part before the parked message, so a restart does not repeat it', async () => {
      const { ctx, record } = context(poison('5'));
      await deliver(batch(8), ctx);
      expect(record.commits).toContain('4');
    });
  });

  describe('when the error is retriable (broker or storage unavailable)', () => {
    it('retries the whole batch and parks nothing', async () => {
      let failures = 5;
      const { ctx, record } = context(async () => {
        if (failures-- > 0) throw new LedgerError('STORAGE.UNAVAILABLE', 'disk full', true);
      });
      await expect(deliver(batch(4), ctx)).resolves.toBe(true);
      expect(record.parked).toEqual([]);
      expect(record.pauses).toBe(5);
      expect(record.handled).toEqual(['0', '1', '2', '3']);
    });
  });

  describe('when the subscription has no dead-letter topic', () => {
    it('keeps retrying and shows the stall', async () => {
      let pauses = 0;
      const { ctx, monitor } = context(poison('0'), { park: false, active: () => pauses < 5 });
      const pauseAfterFailure = ctx.pauseAfterFailure;
      ctx.pauseAfterFailure = async (...args) => {
        pauses += 1;
        await pauseAfterFailure(...args);
      };
      await expect(deliver(batch(1), ctx)).resolves.toBe(false);
      expect(monitor.snapshot()).toMatchObject({ consecutiveFailures: 5, stalledSince: '2026-01-01T00:00:00.000Z', parked: 0 });
    });
  });

  describe('when the consumer stops owning the batch', () => {
    it('returns false without parking or committing', async () => {
      let active = true;
      const { ctx, record } = context(async () => {
        active = false;
        throw new Error('boom');
      }, { active: () => active });
      await expect(deliver(batch(3), ctx)).resolves.toBe(false);
      expect(record).toMatchObject({ commits: [], parked: [] });
    });
  });
});

describe('deadLetter', () => {
  it('keeps key, value and headers but the credential, and says where it came from and why', () => {
    const original = { ...message(7, '{"x":1}'), headers: { authorization: 'Bearer clk_secret', 'correlation-id': 'c-1' } };
    const parked = deadLetter(original, 'g', new LedgerError('X.BAD', 'bad thing'), new Date('2026-01-01T00:00:00Z'));
    expect(parked).toEqual({
      key: 'k7',
      value: '{"x":1}',
      headers: {
        'correlation-id': 'c-1',
        [DEAD_LETTER_HEADERS.topic]: 't',
        [DEAD_LETTER_HEADERS.partition]: '0',
        [DEAD_LETTER_HEADERS.offset]: '7',
        [DEAD_LETTER_HEADERS.group]: 'g',
        [DEAD_LETTER_HEADERS.errorCode]: 'X.BAD',
        [DEAD_LETTER_HEADERS.errorMessage]: 'bad thing',
        [DEAD_LETTER_HEADERS.parkedAt]: '2026-01-01T00:00:00.000Z',
      },
    });
  });
});
