import {
  ANY, AllStreamResolvedEvent, DeadlineExceededError, EventStoreDBClient, NO_STREAM, StreamDeletedError, StreamNotFoundError,
  UnavailableError, WrongExpectedVersionError,
} from '@eventstore/db-client';
import { AnyEvent, RecordedEvent } from '@app/contracts';
import { testEvent } from '@app/testing';
import { EventIdReusedError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../../event-store.errors';
import {
  findDuplicate, isStreamNotFound, isSystemEvent, toClientConnectionString, toJsonData, toPosition, toRecorded, toVendorRevision,
  translateError,
} from './eventstoredb.mapping';
import { RecentEventIds } from './recent-event-ids';

describe('EventStoreDB mapping', () => {
  describe('when mapping an expected revision', () => {
    it('maps any, no-stream and numbers to the client constants and bigints', () => {
      expect(toVendorRevision('any')).toBe(ANY);
      expect(toVendorRevision('no-stream')).toBe(NO_STREAM);
      expect(toVendorRevision(0)).toBe(0n);
      expect(toVendorRevision(41)).toBe(41n);
      expect(toVendorRevision(-1)).toBe(NO_STREAM);
    });

    it('refuses revisions the server cannot express', () => {
      expect(() => toVendorRevision(-2)).toThrow(RangeError);
      expect(() => toVendorRevision(1.5)).toThrow(RangeError);
    });
  });

  describe('when given a KurrentDB URL', () => {
    it('rewrites kurrent schemes to esdb and leaves the rest alone', () => {
      expect(toClientConnectionString('kurrentdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
      expect(toClientConnectionString('kurrentdb+discover://a:2113,b:2113?tls=true')).toBe('esdb+discover://a:2113,b:2113?tls=true');
      expect(toClientConnectionString('kurrent://admin:changeit@host:2113')).toBe('esdb://admin:changeit@host:2113');
      expect(toClientConnectionString('esdb://host:2113?tls=false')).toBe('esdb://host:2113?tls=false');
    });

    it('yields a string the 6.x client accepts', async () => {
      const client = EventStoreDBClient.connectionString(toClientConnectionString('kurrentdb://localhost:2113?tls=false'));
      await client.dispose();
    });
  });

  describe('when translating vendor errors', () => {
    it('turns a version conflict into WrongExpectedRevisionError with the current revision', () => {
      const vendor = new WrongExpectedVersionError(undefined, { streamName: 's-1', expected: 2n, current: 3n });
      const error = translateError(vendor, { streamId: 's-1', expected: 2 });
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION', streamId: 's-1', expected: 2, currentRevision: 3, retriable: true });
    });

    it('reports -1 when the stream does not exist', () => {
      const vendor = new WrongExpectedVersionError(undefined, { streamName: 's-2', expected: 0n, current: 'no_stream' });
      expect(translateError(vendor, { streamId: 's-2', expected: 0 })).toMatchObject({ currentRevision: -1, expected: 0 });
    });

    it('turns an unreachable server into a retriable EventStoreUnavailableError', () => {
      for (const vendor of [new UnavailableError(undefined, 'connect ECONNREFUSED 127.0.0.1:2113'), new DeadlineExceededError(undefined, 'deadline')]) {
        const error = translateError(vendor);
        expect(error).toBeInstanceOf(EventStoreUnavailableError);
        expect(error).toMatchObject({ code: 'EVENT_STORE.UNAVAILABLE', retriable: true });
      }
      expect(translateError(new Error('Failed to discover after 10 attempts.'))).toBeInstanceOf(EventStoreUnavailableError);
    });

    it('returns any other error unchanged', () => {
      const deleted = StreamDeletedError.fromStreamName('gone');
      expect(translateError(deleted, { streamId: 'gone', expected: 'any' })).toBe(deleted);
      const plain = new TypeError('bad');
      expect(translateError(plain)).toBe(plain);
    });

    it('recognises a read of a missing stream', () => {
      expect(isStreamNotFound(new StreamNotFoundError(undefined, 'none'))).toBe(true);
      expect(isStreamNotFound(new UnavailableError())).toBe(false);
    });
  });

  describe('when reading events back', () => {
    const e = testEvent('CredentialIssued', { credentialId: 'c-1' });
    const resolved: AllStreamResolvedEvent = {
      event: {
        streamId: 'credential-c-1', id: e.metadata.eventId, isJson: true, revision: 4n, type: e.type, created: new Date(0),
        data: e.data as Record<string, unknown>, metadata: { ...e.metadata }, position: { commit: 1234n, prepare: 1234n },
      },
    };

    it('maps stream, revision, commit position, data and metadata', () => {
      expect(toRecorded(resolved)).toEqual({ streamId: 'credential-c-1', revision: 4, position: 1234, type: e.type, data: e.data, metadata: e.metadata });
    });

    it('decodes JSON carried as bytes', () => {
      const binary: AllStreamResolvedEvent = {
        event: {
          streamId: 's', id: e.metadata.eventId, isJson: false, revision: 0n, type: 'T', created: new Date(0),
          data: Buffer.from('{"a":1}'), metadata: Buffer.from(JSON.stringify(e.metadata)), position: { commit: 9n, prepare: 9n },
        },
      };
      expect(toRecorded(binary)).toMatchObject({ data: { a: 1 }, metadata: e.metadata });
    });

    it('skips an unresolved link and refuses positions beyond 2^53', () => {
      expect(toRecorded({})).toBeUndefined();
      expect(toPosition(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
      expect(() => toPosition(2n ** 53n)).toThrow(RangeError);
    });

    it('tells system events from ledger events', () => {
      expect(isSystemEvent('$stats-127.0.0.1:2113', 'StatsCollected')).toBe(true);
      expect(isSystemEvent('$$credential-1', '$metadata')).toBe(true);
      expect(isSystemEvent('credential-1', '$streamDeleted')).toBe(true);
      expect(isSystemEvent('credential-1', 'CredentialIssued')).toBe(false);
    });

    it('accepts only JSON-shaped data', () => {
      expect(toJsonData({ a: 1 })).toEqual({ a: 1 });
      expect(() => toJsonData(42)).toThrow(TypeError);
    });
  });

  describe('when checking an append against the stream tail', () => {
    const recorded = (revision: number, position: number): RecordedEvent<AnyEvent> => ({ ...testEvent(`E${revision}`), streamId: 's', revision, position });
    const tail = [recorded(2, 300), recorded(1, 200), recorded(0, 100)];

    const again = (e: RecordedEvent<AnyEvent>, eventId = e.metadata.eventId, fingerprint = e.metadata.requestFingerprint) =>
      testEvent(e.type, {}, eventId, fingerprint);

    it('answers the earlier result when every id is there', () => {
      const events = [again(tail[1], tail[1].metadata.eventId.toUpperCase()), again(tail[0])];
      expect(findDuplicate('s', events, tail)).toEqual({ streamId: 's', nextRevision: 2, positions: [200, 300], revisions: [1, 2], duplicate: true });
    });

    it('lets new ids through', () => {
      expect(findDuplicate('s', [testEvent()], tail)).toBeUndefined();
      expect(findDuplicate('s', [], tail)).toBeUndefined();
    });

    it('refuses old ids mixed with new ones', () => {
      expect(() => findDuplicate('s', [testEvent(), again(tail[2])], tail)).toThrow(EventIdReusedError);
    });

    it('refuses a stored id sent again for another request', () => {
      const fingerprinted = { ...tail[0], metadata: { ...tail[0].metadata, requestFingerprint: 'fp-1' } };
      expect(findDuplicate('s', [again(fingerprinted)], [fingerprinted])).toMatchObject({ duplicate: true });
      expect(() => findDuplicate('s', [again(fingerprinted, undefined, 'fp-2')], [fingerprinted])).toThrow(expect.objectContaining({ reason: 'other-request' }));
      expect(() => findDuplicate('s', [testEvent('Other', {}, tail[0].metadata.eventId)], tail)).toThrow(EventIdReusedError);
    });
  });

  describe('when remembering recent event ids', () => {
    it('refuses an id last appended to another stream, case-insensitively', () => {
      const recent = new RecentEventIds();
      recent.remember('a', ['ABC']);
      expect(() => recent.check('a', ['abc'])).not.toThrow();
      expect(() => recent.check('b', ['abc'])).toThrow(EventIdReusedError);
    });

    it('forgets the oldest ids beyond its capacity', () => {
      const recent = new RecentEventIds(2);
      recent.remember('a', ['1', '2']);
      recent.remember('a', ['1']);
      recent.remember('a', ['3']);
      expect(() => recent.check('b', ['2'])).not.toThrow();
      expect(() => recent.check('b', ['1'])).toThrow(EventIdReusedError);
    });
  });
});
