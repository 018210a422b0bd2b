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
