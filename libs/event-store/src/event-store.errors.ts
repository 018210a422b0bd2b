import { LedgerError } from '@app/contracts';
import { ExpectedRevision } from './event-store.port';

/** Another writer got there first; `currentRevision` is -1 when the stream does not exist. */
export class WrongExpectedRevisionError extends LedgerError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly currentRevision: number,
  ) {
    super('STREAM.WRONG_EXPECTED_REVISION', `stream ${streamId} is at revision ${currentRevision}, expected ${expected}`, true, {
      streamId,
      expected,
      currentRevision,
    });
  }
}

/**
 * An event id that is already stored for another event: on another stream, mixed with new
 * ids (`other-stream`), or on the same stream for another request (`other-request`: its
 * type or request fingerprint differs), so answering "duplicate" would be a lie.
 */
export class EventIdReusedError extends LedgerError {
  constructor(
    readonly eventId: string,
    readonly reason: 'other-stream' | 'other-request' = 'other-stream',
  ) {
    super('EVENT.ID_REUSED', `event id ${eventId} is already used by ${reason === 'other-request' ? 'an event of another request' : 'another event'}`);
  }
}

export class EventStoreUnavailableError extends LedgerError {
  constructor(message: string) {
    super('EVENT_STORE.UNAVAILABLE', message, true);
  }
}

/**
 * The disk under a store is full, read-only or failing. Nothing was written; the same
 * request can succeed once an operator frees space or fixes the mount (HTTP 503 + Retry-After).
 * Shared by every embedded store (events, read models, key vault), so callers see one code.
 */
export class StorageUnavailableError extends LedgerError {
  constructor(
    readonly store: string,
    readonly fault: string,
  ) {
    super('STORAGE.UNAVAILABLE', `the ${store} cannot write for now (${fault}); retry later`, true, { store, fault });
  }
}
