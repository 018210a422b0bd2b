import { RecordedEvent } from '@app/contracts';
import { CredentialView } from '../../credentials/credential-view';
import { vouch } from './read-model-vouch';

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
