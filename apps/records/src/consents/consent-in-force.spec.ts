import { CONSENT_PURPOSES } from '@app/contracts';
import { ConsentHistoryEntry, consentInForceAt, consentPurposes } from './consent-in-force';

const history: ConsentHistoryEntry[] = [
  { type: 'ConsentGranted', position: 10, recordedAt: '2026-03-01T00:00:00Z', purposes: ['admission'] },
  { type: 'ConsentGranted', position: 20, recordedAt: '2026-04-01T00:00:00Z', purposes: ['admission', 'mobility'], expiresAt: '2026-06-01T00:00:00Z' },
  { type: 'ConsentWithdrawn', position: 30, recordedAt: '2026-05-01T00:00:00Z' },
  { type: 'ConsentGranted', position: 40, recordedAt: '2026-07-01T00:00:00Z', purposes: ['wallet'] },
];
const at = (position: number, instant = '2026-05-15T00:00:00Z') => ({ position, instant });

describe('consentInForceAt', () => {
  it('is none before the first grant', () => {
    expect(consentInForceAt(history, at(9))).toBeUndefined();
    expect(consentInForceAt([], at(100))).toBeUndefined();
  });

  it('is the last grant at or before the position', () => {
    expect(consentInForceAt(history, at(10))).toEqual({ purposes: ['admission'] });
    expect(consentInForceAt(history, at(19))).toEqual({ purposes: ['admission'] });
    expect(consentInForceAt(history, at(25))).toEqual({ purposes: ['admission', 'mobility'], expiresAt: '2026-06-01T00:00:00Z' });
  });

  it('is none once the grant has expired at the instant', () => {
    expect(consentInForceAt(history, at(25, '2026-06-01T00:00:00Z'))).toBeUndefined();
    expect(consentInForceAt(history, at(25, '2026-05-31T23:59:59Z'))).toBeDefined();
  });

  it('is none after a withdrawal, until a new grant', () => {
    expect(consentInForceAt(history, at(30))).toBeUndefined();
    expect(consentInForceAt(history, at(45))).toEqual({ purposes: ['wallet'] });
  });

  it('is none for a purpose the consent does not name', () => {
    expect(consentInForceAt(history, at(25), 'mobility')).toBeDefined();
    expect(consentInForceAt(history, at(25), 'wallet')).toBeUndefined();
  });

  it('does not depend on the order of the history', () => {
    expect(consentInForceAt([...history].reverse(), at(25))).toEqual(consentInForceAt(history, at(25)));
  });
});

describe('consentPurposes', () => {
  it('is every documented purpose when none is named', () => {
    expect(consentPurposes(undefined)).toEqual([...CONSENT_PURPOSES].sort());
  });

  it('is sorted and unique', () => {
    expect(consentPurposes(['wallet', 'admission', 'wallet'])).toEqual(['admission', 'wallet']);
  });
});
