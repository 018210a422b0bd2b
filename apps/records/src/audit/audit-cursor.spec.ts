import { decodeCursor, encodeCursor } from './audit-cursor';
import { matchesRest, mayReachRow } from './audit-scope';
import { AuditIndexRow } from './audit-index';

describe('the audit cursor', () => {
  it('round-trips a position and starts from the beginning without one', () => {
    expect(decodeCursor(encodeCursor(0))).toBe(0);
    expect(decodeCursor(encodeCursor(9_007_199_254_740_991))).toBe(9_007_199_254_740_991);
    expect(decodeCursor(undefined)).toBe(0);
  });

  it.each([['not base64url', 'a b'], ['another encoding', Buffer.from('x:1').toString('base64url')], ['a negative position', Buffer.from('audit:-1').toString('base64url')], ['a huge one', Buffer.from(`audit:${'9'.repeat(17)}`).toString('base64url')]])(
    'refuses %s naming the field', (_name, cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'after' })] }));
    });
});

describe('the audit scope', () => {
  const row = (jurisdictions: string[], extra: Partial<AuditIndexRow> = {}): AuditIndexRow => ({
    position: 1, leafIndex: 0, streamId: 's-1', revision: 0, type: 'T', recordedAt: '2026-03-01T00:00:00.000Z', jurisdictions, learnerIds: [], ...extra,
  });
  const regulator = (jurisdictions: string[]) => ({ keyId: 'k', role: 'regulator' as const, scope: { jurisdictions } });

  it('lets a regulator reach events touching its jurisdictions (EU covers IE), never the ledger-wide ones; an admin all', () => {
    expect(mayReachRow(regulator(['NZ']), row(['NZ']))).toBe(true);
    expect(mayReachRow(regulator(['NZ']), row(['AU']))).toBe(false);
    expect(mayReachRow(regulator(['EU']), row(['IE']))).toBe(true);
    expect(mayReachRow(regulator(['NZ']), row([]))).toBe(false);
    expect(mayReachRow({ keyId: 'k', role: 'admin', scope: {} }, row([]))).toBe(true);
    expect(mayReachRow({ keyId: 'k', role: 'provider', scope: { providerId: 'p' } }, row(['NZ']))).toBe(false);
  });

  it('filters on jurisdiction, learner and an inclusive recordedAt range', () => {
    const r = row(['IE'], { learnerIds: ['l1'] });
    expect(matchesRest({ jurisdiction: 'EU' }, r)).toBe(true);
    expect(matchesRest({ jurisdiction: 'NZ' }, r)).toBe(false);
    expect(matchesRest({ learnerId: 'l2' }, r)).toBe(false);
    expect(matchesRest({ from: '2026-03-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, r)).toBe(true);
    expect(matchesRest({ from: '2026-03-01T00:00:00.001Z' }, r)).toBe(false);
  });
});
