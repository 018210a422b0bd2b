import { AnyEvent, RecordedEvent } from '@app/contracts';
import { EventIdReusedError, EventStore, WrongExpectedRevisionError } from '@app/event-store';
import { eventually, testEvent, uniqueName } from './events';

/**
 * The suite every event-store adapter must pass. Stream names are unique per test, and
 * global-log assertions look only at this run's streams, so a shared server is fine.
 */
export function eventStoreContract(adapter: string, open: () => Promise<EventStore<AnyEvent>>): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let store: EventStore<AnyEvent>;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    const mine = (events: RecordedEvent<AnyEvent>[], prefix: string) => events.filter((e) => e.streamId.startsWith(prefix));
    const readAllOf = async (prefix: string) => {
      const out: RecordedEvent<AnyEvent>[] = [];
      let after = 0;
      for (;;) {
        const page = await store.readAll({ after, maxCount: 500 });
        if (page.length === 0) return out;
        out.push(...mine(page, prefix));
        after = page[page.length - 1].position;
      }
    };

    describe('when a stream does not exist', () => {
      it('reads as empty', async () => {
        expect(await store.readStream(uniqueName('none-'))).toEqual([]);
      });

      it('accepts an append expecting no stream and numbers revisions from 0', async () => {
        const s = uniqueName('s-');
        const r = await store.append({ streamId: s, events: [testEvent('A'), testEvent('B')], expectedRevision: 'no-stream' });
        expect(r).toMatchObject({ nextRevision: 1, revisions: [0, 1], duplicate: false });
        expect(r.positions[1]).toBeGreaterThan(r.positions[0]);
        const read = await store.readStream(s);
        expect(read.map((e) => [e.type, e.revision, e.streamId])).toEqual([['A', 0, s], ['B', 1, s]]);
        expect(read.map((e) => e.position)).toEqual(r.positions);
      });

      it('refuses an append expecting an exact revision, reporting -1', async () => {
        const s = uniqueName('s-');
        await expect(store.append({ streamId: s, events: [testEvent()], expectedRevision: 0 })).rejects.toMatchObject({
          code: 'STREAM.WRONG_EXPECTED_REVISION', currentRevision: -1,
        });
      });
    });

    describe('when a stream exists', () => {
      let s: string;
      beforeEach(async () => {
        s = uniqueName('s-');
        await store.append({ streamId: s, events: [testEvent('A', { n: 1 }), testEvent('B', { n: 2 }), testEvent('C', { n: 3 })], expectedRevision: 'no-stream' });
      });

      it('refuses no-stream with the current revision', async () => {
        const error = await store.append({ streamId: s, events: [testEvent()], expectedRevision: 'no-stream' }).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error.currentRevision).toBe(2);
      });

      it('accepts the exact current revision and refuses a stale one', async () => {
        await expect(store.append({ streamId: s, events: [testEvent('D')], expectedRevision: 2 })).resolves.toMatchObject({ nextRevision: 3 });
        await expect(store.append({ streamId: s, events: [testEvent('E')], expectedRevision: 2 })).rejects.toMatchObject({ currentRevision: 3 });
      });

      it('accepts any revision', async () => {
        await expect(store.append({ streamId: s, events: [testEvent('D')], expectedRevision: 'any' })).resolves.toMatchObject({ nextRevision: 3 });
      });

      it('keeps data and metadata intact', async () => {
        const e = testEvent('Z', { nested: { list: [1, 'two', null], text: 'ünïcödé' } });
        await store.append({ streamId: s, events: [e], expectedRevision: 2 });
        const [last] = await store.readStream(s, { direction: 'backwards', maxCount: 1 });
        expect(last.data).toEqual(e.data);
        expect(last.metadata).toEqual(e.metadata);
      });

      it('reads backwards, from a revision, and up to a count', async () => {
        expect((await store.readStream(s, { direction: 'backwards' })).map((e) => e.type)).toEqual(['C', 'B', 'A']);
        expect((await store.readStream(s, { fromRevision: 1 })).map((e) => e.type)).toEqual(['B', 'C']);
        expect((await store.readStream(s, { direction: 'backwards', fromRevision: 1 })).map((e) => e.type)).toEqual(['B', 'A']);
        expect((await store.readStream(s, { maxCount: 2 })).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('says where a stream ends, as its last event does (where the engine has streamEnd)', async () => {
        if (!store.streamEnd) return void console.warn(`${adapter}: streamEnd absent; readers use readStream backwards`);
        const [last] = await store.readStream(s, { direction: 'backwards', maxCount: 1 });
        expect(await store.streamEnd(s)).toEqual({ revision: last.revision, position: last.position });
        expect(await store.streamEnd(uniqueName('none-'))).toBeUndefined();
      });

      it('says which event ids it holds (where the engine has knownEventIds)', async () => {
        if (!store.knownEventIds) return void console.warn(`${adapter}: knownEventIds absent; callers do the work a known id would skip`);
        const held = (await store.readStream(s)).map((e) => e.metadata.eventId);
        const absent = [uniqueName('none-'), '00000000-0000-4000-8000-000000000000'];
        expect(await store.knownEventIds([absent[0], ...held, absent[1], held[0]])).toEqual(new Set(held));
        expect(await store.knownEventIds(absent)).toEqual(new Set());
        expect(await store.knownEventIds([])).toEqual(new Set());
      });
    });

    describe('when reading several streams at once', () => {
      it('returns each in revision order, and empty ones for streams that do not exist', async () => {
        const [a, b, none] = [uniqueName('rs-'), uniqueName('rs-'), uniqueName('rs-')];
        await store.append({ streamId: a, events: [testEvent('A1'), testEvent('A2')], expectedRevision: 'no-stream' });
        await store.append({ streamId: b, events: [testEvent('B1')], expectedRevision: 'no-stream' });
        await store.append({ streamId: a, events: [testEvent('A3')], expectedRevision: 1 });
        const read = await store.readStreams([b, none, a]);
        expect([...read.keys()].sort()).toEqual([a, b, none].sort());
        expect(read.get(a)!.map((e) => e.type)).toEqual(['A1', 'A2', 'A3']);
        expect(read.get(b)!.map((e) => e.type)).toEqual(['B1']);
        expect(read.get(none)).toEqual([]);
      });
    });

    describe('when the same event ids are appended again', () => {
      it('reports a duplicate and writes nothing new', async () => {
        const s = uniqueName('dup-');
        const events = [testEvent('A'), testEvent('B')];
        const first = await store.append({ streamId: s, events, expectedRevision: 'no-stream' });
        const again = await store.append({ streamId: s, events, expectedRevision: 'no-stream' });
        expect(again).toMatchObject({ duplicate: true, positions: first.positions, revisions: [0, 1] });
        expect(await store.readStream(s)).toHaveLength(2);
        expect(await readAllOf(s)).toHaveLength(2);
      });

      it('refuses the same ids sent again for another request, and writes nothing', async () => {
        const s = uniqueName('dup-');
        const first = testEvent('Revoked', {}, undefined, 'fingerprint-1');
        await store.append({ streamId: s, events: [first], expectedRevision: 'no-stream' });
        const otherBody = testEvent('Revoked', {}, first.metadata.eventId, 'fingerprint-2');
        await expect(store.append({ streamId: s, events: [otherBody], expectedRevision: 'any' })).rejects.toMatchObject({ code: 'EVENT.ID_REUSED', reason: 'other-request' });
        const otherType = testEvent('Issued', {}, first.metadata.eventId, 'fingerprint-1');
        const [outcome] = await store.appendMany([{ streamId: s, events: [otherType], expectedRevision: 'any' }]);
        expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(EventIdReusedError);
        await expect(store.append({ streamId: s, events: [first], expectedRevision: 'any' })).resolves.toMatchObject({ duplicate: true });
        expect(await store.readStream(s)).toHaveLength(1);
      });

      it('refuses an event id already used on another stream', async () => {
        const e = testEvent('A');
        await store.append({ streamId: uniqueName('one-'), events: [e], expectedRevision: 'any' });
        const other = uniqueName('two-');
        await expect(store.append({ streamId: other, events: [e], expectedRevision: 'any' })).rejects.toBeInstanceOf(EventIdReusedError);
        expect(await store.readStream(other)).toEqual([]);
      });
    });

    describe('when appending many requests at once', () => {
      it('lets each succeed or fail on its own', async () => {
        const [a, b, c] = [uniqueName('m-'), uniqueName('m-'), uniqueName('m-')];
        await store.append({ streamId: b, events: [testEvent()], expectedRevision: 'no-stream' });
        const outcomes = await store.appendMany([
          { streamId: a, events: [testEvent('A')], expectedRevision: 'no-stream' },
          { streamId: b, events: [testEvent('B')], expectedRevision: 'no-stream' },
          { streamId: c, events: [testEvent('C1'), testEvent('C2')], expectedRevision: 'any' },
        ]);
        expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
        expect(outcomes[1].ok ? undefined : outcomes[1].error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(a)).toHaveLength(1);
        expect(await store.readStream(b)).toHaveLength(1);
        expect(await store.readStream(c)).toHaveLength(2);
      });
    });

    describe('when one call appends several requests to one stream', () => {
      it('appends them in order, each seeing the ones before it, and answers a stored request as a duplicate', async () => {
        const [s, t] = [uniqueName('same-'), uniqueName('same-')];
        const stored = testEvent('Stored');
        await store.append({ streamId: s, events: [stored], expectedRevision: 'no-stream' });
        const outcomes = await store.appendMany([
          { streamId: s, events: [stored], expectedRevision: 'any' },
          { streamId: s, events: [testEvent('A')], expectedRevision: 'any' },
          { streamId: t, events: [testEvent('T')], expectedRevision: 'no-stream' },
          { streamId: s, events: [testEvent('B')], expectedRevision: 1 },
          { streamId: s, events: [testEvent('C')], expectedRevision: 'any' },
        ]);
        expect(outcomes.map((o) => (o.ok ? { duplicate: o.result.duplicate, revisions: o.result.revisions } : o.error.name))).toEqual([
          { duplicate: true, revisions: [0] }, { duplicate: false, revisions: [1] }, { duplicate: false, revisions: [0] },
          { duplicate: false, revisions: [2] }, { duplicate: false, revisions: [3] },
        ]);
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['Stored', 'A', 'B', 'C']);
      });
    });

    describe('when appending all or nothing (engines with multi-stream writes)', () => {
      it('keeps every request, several on one stream, stored ones as duplicates', async () => {
        if (!store.appendAll) return;
        const [a, b] = [uniqueName('all-'), uniqueName('all-')];
        const stored = testEvent('Stored');
        await store.append({ streamId: a, events: [stored], expectedRevision: 'no-stream' });
        const results = await store.appendAll([
          { streamId: a, events: [stored], expectedRevision: 'any' },
          { streamId: b, events: [testEvent('B')], expectedRevision: 'no-stream' },
          { streamId: a, events: [testEvent('A1')], expectedRevision: 0 },
          { streamId: a, events: [testEvent('A2')], expectedRevision: 'any' },
        ]);
        expect(results.map((r) => [r.duplicate, r.revisions])).toEqual([[true, [0]], [false, [0]], [false, [1]], [false, [2]]]);
        expect((await store.readStream(a)).map((e) => e.type)).toEqual(['Stored', 'A1', 'A2']);
      });

      it('writes nothing when one request fails, and throws its error', async () => {
        if (!store.appendAll) return;
        const [a, b] = [uniqueName('all-'), uniqueName('all-')];
        await store.append({ streamId: b, events: [testEvent()], expectedRevision: 'no-stream' });
        const head = await store.headPosition();
        await expect(store.appendAll([
          { streamId: a, events: [testEvent('A')], expectedRevision: 'no-stream' },
          { streamId: b, events: [testEvent('B')], expectedRevision: 'no-stream' },
        ])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(a)).toEqual([]);
        expect(await store.readStream(b)).toHaveLength(1);
        expect(await store.headPosition()).toBe(head);
      });
    });

    describe('when writers race on one stream', () => {
      it('lets exactly one of them win', async () => {
        const s = uniqueName('race-');
        await store.append({ streamId: s, events: [testEvent()], expectedRevision: 'no-stream' });
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => store.append({ streamId: s, events: [testEvent(`W${i}`)], expectedRevision: 0 })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(losers).toHaveLength(7);
        for (const l of losers) expect(l.reason).toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION', currentRevision: 1 });
        expect(await store.readStream(s)).toHaveLength(2);
      });
    });

    describe('when reading the global log', () => {
      it('returns events in append order with increasing positions, paged by position', async () => {
        const prefix = uniqueName('g-');
        for (let i = 0; i < 5; i++) await store.append({ streamId: `${prefix}${i % 2}`, events: [testEvent(`E${i}`)], expectedRevision: 'any' });
        const all = await readAllOf(prefix);
        expect(all.map((e) => e.type)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
        for (let i = 1; i < all.length; i++) expect(all[i].position).toBeGreaterThan(all[i - 1].position);
        const later = mine(await store.readAll({ after: all[2].position, maxCount: 1000 }), prefix);
        expect(later.map((e) => e.type)).toEqual(['E3', 'E4']);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(all[4].position);
      });

      it('reads events exactly as stored when asked, without lifting older body shapes', async () => {
        const streamId = uniqueName('stored-');
        // An achievement body of the first shape (qualityAssurance as a string), which reads lift to an object.
        const old = { ...testEvent('x'), type: 'AchievementDefined', data: { title: 't', qualityAssurance: 'external: NZQA' } };
        await store.append({ streamId, events: [old], expectedRevision: 'no-stream' });
        const at = async (stored: boolean) => {
          for (let after = 0; ;) {
            const page = await store.readAll({ after, maxCount: 500, stored });
            const found = page.find((e) => e.streamId === streamId);
            if (found || page.length === 0) return found;
            after = page[page.length - 1].position;
          }
        };
        expect((await at(true))?.data).toEqual({ title: 't', qualityAssurance: 'external: NZQA' });
        expect(typeof ((await at(false))?.data as { qualityAssurance: unknown }).qualityAssurance).toBe('object');
      });
    });

    describe('when subscribed to the global log', () => {
      it('catches up from a checkpoint, then delivers live appends in order', async () => {
        const prefix = uniqueName('sub-');
        const before = await store.append({ streamId: `${prefix}a`, events: [testEvent('Old')], expectedRevision: 'any' });
        await store.append({ streamId: `${prefix}a`, events: [testEvent('Kept1'), testEvent('Kept2')], expectedRevision: 'any' });
        const seen: string[] = [];
        const sub = store.subscribeToAll(before.positions[0], async (batch) => {
          seen.push(...mine(batch, prefix).map((e) => e.type));
        });
        try {
          await eventually(() => seen.length >= 2, 10_000, 'catch-up');
          await store.append({ streamId: `${prefix}b`, events: [testEvent('Live1')], expectedRevision: 'any' });
          await store.append({ streamId: `${prefix}a`, events: [testEvent('Live2')], expectedRevision: 'any' });
          await eventually(() => seen.length >= 4, 10_000, 'live delivery');
          expect(seen).toEqual(['Kept1', 'Kept2', 'Live1', 'Live2']);
        } finally {
          await sub.stop();
        }
      });

      it('delivers a batch again after the handler fails', async () => {
        const prefix = uniqueName('retry-');
        const head = await store.headPosition();
        await store.append({ streamId: `${prefix}a`, events: [testEvent('Once')], expectedRevision: 'any' });
        let calls = 0;
        const seen: string[] = [];
        const sub = store.subscribeToAll(head, async (batch) => {
          const ours = mine(batch, prefix);
          if (ours.length && calls++ === 0) throw new Error('projection hiccup');
          seen.push(...ours.map((e) => e.type));
        });
        try {
          await eventually(() => seen.length >= 1, 10_000, 'redelivery');
          expect(seen).toEqual(['Once']);
          expect(calls).toBe(2);
        } finally {
          await sub.stop();
        }
      });
    });
  });
}
