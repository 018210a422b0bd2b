import { ConsumedMessage, DEAD_LETTER_HEADERS } from '@app/messaging';
import { busContract, eventually, uniqueName } from '@app/testing';
import { MemoryBus } from './memory-bus';

busContract('memory', async () => new MemoryBus());

describe('MemoryBus beyond the contract', () => {
  describe('when a handler can never process one message', () => {
    it('parks it on the dead-letter topic, as the Kafka bus does, and handles the others', async () => {
      const bus = new MemoryBus();
      const topic = uniqueName('t-');
      const deadLetterTopic = uniqueName('dlq-');
      await bus.publish(topic, ['a', 'poison', 'b'].map((value) => ({ key: 'k', value })));
      const handled: string[] = [];
      const parked: ConsumedMessage[] = [];
      const subs = [
        bus.consume({ topic, groupId: 'g', deadLetterTopic }, async (batch) => {
          if (batch.some((m) => m.value === 'poison')) throw new TypeError('cannot read this');
          handled.push(...batch.map((m) => m.value));
        }),
        bus.consume({ topic: deadLetterTopic, groupId: 'ops' }, async (batch) => void parked.push(...batch)),
      ];
      try {
        await eventually(() => handled.length === 2 && parked.length === 1, 10_000, 'the others handled, the poison parked');
        expect(handled).toEqual(['a', 'b']);
        expect(parked[0]).toMatchObject({ value: 'poison', headers: { [DEAD_LETTER_HEADERS.errorMessage]: 'TypeError: cannot read this', [DEAD_LETTER_HEADERS.offset]: '1' } });
        expect(bus.health()).toMatchObject({ status: 'up', details: { subscriptions: expect.arrayContaining([expect.objectContaining({ groupId: 'g', parked: 1 })]) } });
      } finally {
        await Promise.all(subs.map((s) => s.stop()));
      }
    });
  });
});
