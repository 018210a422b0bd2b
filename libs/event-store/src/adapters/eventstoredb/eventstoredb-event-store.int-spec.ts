import { eventStoreContract, testEvent, uniqueName } from '@app/testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const url = process.env.ESDB_URL;

if (!url) {
  console.warn('EventStoreDB event-store suite skipped: ESDB_URL is not set and no Docker engine started one (see test/engines.global-setup.ts)');
  describe.skip('EventStore contract: eventstoredb (no engine)', () => it('needs ESDB_URL', () => undefined));
} else {
  eventStoreContract('eventstoredb', () => EventStoreDbEventStore.connect(url, { pollIntervalMs: 200 }));

  describe('EventStoreDbEventStore', () => {
    describe('when given a kurrentdb:// URL', () => {
      it('connects to the same server', async () => {
        const store = await EventStoreDbEventStore.connect(url.replace(/^esdb/, 'kurrentdb'));
        try {
          const s = uniqueName('k-');
          await store.append({ streamId: s, events: [testEvent('A')], expectedRevision: 'no-stream' });
          expect(await store.readStream(s)).toHaveLength(1);
        } finally {
          await store.close();
        }
      });
    });

    describe('when reading the global log past its head', () => {
      it('answers nothing, system events included', async () => {
        const store = await EventStoreDbEventStore.connect(url);
        try {
          const s = uniqueName('h-');
          const { positions } = await store.append({ streamId: s, events: [testEvent('A')], expectedRevision: 'any' });
          expect(await store.headPosition()).toBeGreaterThanOrEqual(positions[0]);
          const after = await store.readAll({ after: positions[0], maxCount: 1000 });
          expect(after.every((e) => !e.streamId.startsWith('$') && !e.type.startsWith('$'))).toBe(true);
          expect(after.some((e) => e.streamId === s)).toBe(false);
        } finally {
          await store.close();
        }
      });
    });
  });
}

// Needs no server: a closed port proves the real client's failure is translated.
describe('EventStoreDbEventStore', () => {
  describe('when the server cannot be reached', () => {
    it('fails with a retriable EVENT_STORE.UNAVAILABLE', async () => {
      await expect(EventStoreDbEventStore.connect('esdb://127.0.0.1:1?tls=false&defaultDeadline=2000')).rejects.toMatchObject({
        code: 'EVENT_STORE.UNAVAILABLE',
        retriable: true,
      });
    }, 15_000);
  });
});
