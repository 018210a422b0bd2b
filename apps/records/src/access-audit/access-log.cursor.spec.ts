import { decodeCursor, encodeCursor } from './access-log.cursor';

describe('access log cursor', () => {
  it('round-trips a position and starts at 0 without one', () => {
    expect(decodeCursor(encodeCursor(12345))).toBe(12345);
    expect(decodeCursor(undefined)).toBe(0);
  });

  it('refuses what it did not hand out, naming after', () => {
    for (const bad of ['12', 'not a cursor', '', Buffer.from('al1:-1').toString('base64url'), 'x'.repeat(41)]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'after' })] }));
    }
  });
});
