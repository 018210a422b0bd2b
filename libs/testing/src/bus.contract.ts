import { ConsumedMessage, MessageBus } from '@app/messaging';
import { eventually, uniqueName } from './events';

/** The suite every bus adapter must pass. Topic and group names are unique per test. */
export function busContract(adapter: string, open: () => Promise<MessageBus>, timeoutMs = 30_000): void {
  describe(`MessageBus contract: ${adapter}`, () => {
    let bus: MessageBus;
    beforeAll(async () => {
      bus = await open();
    }, timeoutMs);
    afterAll(async () => {
      await bus?.close();
    }, timeoutMs);

    const collect = async (topic: string, groupId: string, into: ConsumedMessage[], fail?: () => boolean) =>
      bus.subscribe({ topic, groupId, fromBeginning: true }, async (batch) => {
        if (fail?.()) throw new Error('handler failed');
        into.push(...batch);
      });

    describe('when messages are published to a topic', () => {
      it('delivers them to a group with key, value and headers, in order per key', async () => {
        const topic = uniqueName('t-');
        await bus.publish(topic, [
          { key: 'a', value: '1', headers: { 'ce-type': 'X' } },
          { key: 'b', value: '2' },
          { key: 'a', value: '3' },
        ]);
        const got: ConsumedMessage[] = [];
        const sub = await collect(topic, uniqueName('g-'), got);
        try {
          await eventually(() => got.length >= 3, timeoutMs, 'delivery');
          expect(got.filter((m) => m.key === 'a').map((m) => m.value)).toEqual(['1', '3']);
          expect(got.find((m) => m.value === '1')?.headers?.['ce-type']).toBe('X');
          expect(got.every((m) => m.topic === topic)).toBe(true);
        } finally {
          await sub.stop();
        }
      }, timeoutMs);

      it('gives every group every message', async () => {
        const topic = uniqueName('t-');
        const one: ConsumedMessage[] = [];
        const two: ConsumedMessage[] = [];
        const subs = [await collect(topic, uniqueName('g-'), one), await collect(topic, uniqueName('g-'), two)];
        try {
          await bus.publish(topic, [{ key: 'k', value: 'x' }, { key: 'k', value: 'y' }]);
          await eventually(() => one.length >= 2 && two.length >= 2, timeoutMs, 'both groups');
          expect(one.map((m) => m.value)).toEqual(['x', 'y']);
          expect(two.map((m) => m.value)).toEqual(['x', 'y']);
        } finally {
          await Promise.all(subs.map((s) => s.stop()));
        }
      }, timeoutMs);
    });

    describe('when a handler fails', () => {
      it('delivers the same messages again (at-least-once)', async () => {
        const topic = uniqueName('t-');
        await bus.publish(topic, [{ key: 'k', value: 'again' }]);
        let failures = 1;
        const got: ConsumedMessage[] = [];
        const sub = await collect(topic, uniqueName('g-'), got, () => failures-- > 0);
        try {
          await eventually(() => got.length >= 1, timeoutMs, 'redelivery');
          expect(got[0].value).toBe('again');
          expect(failures).toBeLessThan(0);
        } finally {
          await sub.stop();
        }
      }, timeoutMs);
    });

    describe('when a group resubscribes', () => {
      it('resumes after the last handled message', async () => {
        const topic = uniqueName('t-');
        const group = uniqueName('g-');
        await bus.publish(topic, [{ key: 'k', value: 'first' }]);
        const first: ConsumedMessage[] = [];
        const sub1 = await collect(topic, group, first);
        await eventually(() => first.length >= 1, timeoutMs, 'first delivery');
        await sub1.stop();

        await bus.publish(topic, [{ key: 'k', value: 'second' }]);
        const second: ConsumedMessage[] = [];
        const sub2 = await collect(topic, group, second);
        try {
          await eventually(() => second.some((m) => m.value === 'second'), timeoutMs, 'resume');
          expect(second.map((m) => m.value)).toEqual(['second']);
        } finally {
          await sub2.stop();
        }
      }, timeoutMs);
    });
  });
}
