import { testEvent } from '@app/testing';
import { EventIdReusedError, WrongExpectedRevisionError } from '../../event-store.errors';
import { KnownEvent, planAppends, settle } from './append-plan';

describe('planAppends', () => {
  describe('when one call writes twice to a stream and repeats its own events', () => {
    it('numbers revisions on from each request and answers the repeat with the new rows', () => {
      const a = testEvent('A');
      const { outcomes, rows } = planAppends([
        { streamId: 's', events: [a], expectedRevision: 4 },
        { streamId: 's', events: [testEvent('B')], expectedRevision: 5 },
        { streamId: 's', events: [a], expectedRevision: 'any' },
      ], new Map([['s', 4]]), new Map());
      expect(rows.map((r) => [r.type, r.revision])).toEqual([['A', 5], ['B', 6]]);
      expect(outcomes.map((o) => settle(o, [100, 101]))).toEqual([
        { ok: true, result: { streamId: 's', nextRevision: 5, revisions: [5], positions: [100], duplicate: false } },
        { ok: true, result: { streamId: 's', nextRevision: 6, revisions: [6], positions: [101], duplicate: false } },
        { ok: true, result: { streamId: 's', nextRevision: 6, revisions: [5], positions: [100], duplicate: true } },
      ]);
    });
  });

  describe('when a request fails', () => {
    it('writes no row of it and leaves the others alone', () => {
      const stored = testEvent('Old');
      const known = new Map<string, KnownEvent>([[stored.metadata.eventId, { streamId: 'other', revision: 0, type: 'Old', fingerprint: null, position: 7 }]]);
      const { outcomes, rows } = planAppends([
        { streamId: 's', events: [testEvent('X')], expectedRevision: 'no-stream' },
        { streamId: 's', events: [stored, testEvent('Y')], expectedRevision: 'any' },
        { streamId: 't', events: [testEvent('T')], expectedRevision: 'no-stream' },
      ], new Map([['s', 0]]), known);
      expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.constructor))).toEqual([WrongExpectedRevisionError, EventIdReusedError, 'ok']);
      expect(rows.map((r) => r.type)).toEqual(['T']);
    });

    it('refuses one event id twice in one request', () => {
      const e = testEvent('E');
      const { outcomes, rows } = planAppends([{ streamId: 's', events: [e, e], expectedRevision: 'any' }], new Map(), new Map());
      expect(outcomes[0].ok ? undefined : outcomes[0].error).toBeInstanceOf(EventIdReusedError);
      expect(rows).toEqual([]);
    });
  });
});
