import { randomUUID } from 'node:crypto';
import { AnyEvent, RequestContext } from '@app/contracts';
import { decideOnStream, Decider } from './decide-on-stream';
import { EventIdReusedError } from './event-store.errors';
import { openEventStore } from './event-store.factory';
import { EventStore } from './event-store.port';

type Command = { value: string };
type Event = { type: 'Noted'; data: { value: string } };
// Deliberately not idempotent: it decides again on every call, so only the store's dedupe stands between a retry and a second event.
const noter: Decider<number, Command, Event, AnyEvent> = {
  initial: 0,
  evolve: (n) => n + 1,
  decide: (_n, c) => [{ type: 'Noted', data: { value: c.value } }],
};
const ctx: RequestContext = { actor: { role: 'admin', id: 'a' }, channel: 'http', correlationId: 'c', now: '2026-01-01T00:00:00Z' };

/** `before` runs once, after decideOnStream has read the stream and before it appends: a writer that got there first. */
function racing(store: EventStore<AnyEvent>, before: () => Promise<unknown>): EventStore<AnyEvent> {
  let fired = false;
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'append') {
        return async (request: Parameters<EventStore<AnyEvent>['append']>[0]) => {
          if (!fired) {
            fired = true;
            await before();
          }
          return target.append(request);
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('decideOnStream on the sqlite event store', () => {
  let store: EventStore<AnyEvent>;
  beforeAll(async () => {
    store = await openEventStore('sqlite::memory:');
  });
  afterAll(async () => {
    await store?.close();
  });

  describe('when a concurrent writer appended the same event id first', () => {
    it('succeeds if it appended the very same event', async () => {
      const streamId = `s-${randomUUID()}`;
      const eventId = randomUUID();
      const raced = racing(store, () => decideOnStream(store, streamId, noter, { value: 'x' }, ctx, { eventId }));
      await expect(decideOnStream(raced, streamId, noter, { value: 'x' }, ctx, { eventId })).resolves.toMatchObject({ revision: 0 });
      expect(await store.readStream(streamId)).toHaveLength(1);
    });

    it('refuses if it appended another event under that id, instead of claiming success', async () => {
      const streamId = `s-${randomUUID()}`;
      const eventId = randomUUID();
      const raced = racing(store, () => decideOnStream(store, streamId, noter, { value: 'theirs' }, ctx, { eventId }));
      const error = await decideOnStream(raced, streamId, noter, { value: 'ours' }, ctx, { eventId }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventIdReusedError);
      expect(error).toMatchObject({ reason: 'other-request' });
      expect((await store.readStream(streamId)).map((e) => e.data)).toEqual([{ value: 'theirs' }]);
    });
  });
});
