import { RecordedEvent } from '@app/contracts';
import { CredentialView } from '../../credentials/credential-view';
import { holdsWholeStream, vouch } from './read-model-vouch';

const at = (...positions: number[]) => positions.map((position) => ({ position }) as RecordedEvent);
const row = (...positions: number[]) => ({ history: positions.map((position) => ({ position })) }) as CredentialView;

describe('vouch', () => {
  it('vouches for a row holding every event of the stream', () => expect(vouch(at(3, 9), row(3, 9), 9)).toBeUndefined());
  it('does not when the stream is past the checkpoint', () => expect(vouch(at(3, 9), row(3), 5)).toBe('projection-behind'));
  it('does not when the projection passed an event it did not apply', () => expect(vouch(at(3, 6, 9), row(3, 9), 9)).toBe('event-parked'));
  it('does not when the row is missing although the log holds the credential', () => {
    expect(vouch(at(3), undefined, 2)).toBe('not-projected');
    // Passed and still missing: its CredentialIssued was parked.
    expect(vouch(at(3), undefined, 3)).toBe('event-parked');
  });
});

describe('holdsWholeStream', () => {
  const last = (revision: number, position: number) => ({ revision, position }) as RecordedEvent;
  it('holds when the row has one entry per revision, the last the stream\'s last event', () => expect(holdsWholeStream(last(1, 9), row(3, 9))).toBe(true));
  it('does not when the stream went on past the row', () => expect(holdsWholeStream(last(2, 12), row(3, 9))).toBe(false));
  it('does not when an event in between is missing from the row (parked)', () => expect(holdsWholeStream(last(2, 9), row(3, 9))).toBe(false));
  it('does not without a row', () => expect(holdsWholeStream(last(0, 3), undefined)).toBe(false));
});
