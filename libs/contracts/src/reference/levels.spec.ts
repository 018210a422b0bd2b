import { toHours } from './credits';
import { jurisdictionCovers } from './jurisdictions';
import { knownLevelFrameworks, toEqf } from './levels';

describe('toEqf', () => {
  it.each([
    [10, 8], [9, 7], [7, 6], [6, 5], [5, 5], [4, 4], [3, 4], [2, 3], [1, 2],
  ])('maps NZQCF %i to EQF %i on the joint comparability report', (nz, eqf) => {
    expect(toEqf('NZQCF', nz)).toMatchObject({ eqf, status: 'confirmed', basis: expect.stringContaining('2016/17') });
  });

  it('answers NZQCF 8 with "not comparable", never a guess', () => {
    expect(toEqf('NZQCF', 8)).toEqual({ notComparable: true, reason: expect.stringContaining('no EQF level comparable'), basis: expect.stringContaining('2016/17'), source: expect.any(String) });
  });

  it('marks AQF referencing unconfirmed, and AQF 8 as spanning two levels', () => {
    expect(toEqf('AQF', 7)).toMatchObject({ eqf: 6, status: 'unconfirmed' });
    expect(toEqf('AQF', 9)).toMatchObject({ eqf: 7, status: 'unconfirmed' });
    expect(toEqf('AQF', 10)).toMatchObject({ eqf: 8, status: 'unconfirmed' });
    expect(toEqf('AQF', 8)).toMatchObject({ notComparable: true, reason: expect.stringContaining('EQF 6 or 7') });
    expect(toEqf('AQF', 3)).toMatchObject({ notComparable: true });
  });

  it('maps QF-EHEA cycles to EQF 5-8 and EQF to itself', () => {
    expect([1, 2, 3, 4].map((c) => (toEqf('QF-EHEA', c) as { eqf: number }).eqf)).toEqual([5, 6, 7, 8]);
    expect(toEqf('EQF', 4)).toMatchObject({ eqf: 4 });
  });

  it('refuses unknown frameworks and levels outside the range', () => {
    expect(toEqf('XQF', 3)).toMatchObject({ notComparable: true });
    expect(toEqf('NZQCF', 11)).toMatchObject({ notComparable: true });
    expect(knownLevelFrameworks()).toEqual(expect.arrayContaining(['EQF', 'NZQCF', 'AQF', 'QF-EHEA']));
  });
});

describe('toHours', () => {
  it('converts each unit with its source', () => {
    expect(toHours('ECTS', 6)).toMatchObject({ hours: { min: 150, max: 180 }, approximate: true, basis: expect.stringContaining('ECTS Users') });
    expect(toHours('NZQCF-credit', 15)).toMatchObject({ hours: { min: 150, max: 150 }, approximate: false });
    expect(toHours('US-semester-credit-hour', 3)).toMatchObject({ hours: { min: 135, max: 135 }, approximate: true });
    expect(toHours('US-quarter-credit-hour', 4)).toMatchObject({ hours: { min: 120, max: 144 } });
    expect(toHours('AQF-year', 0.5)).toMatchObject({ hours: { min: 600, max: 600 } });
    expect(toHours('hours', 12)).toMatchObject({ hours: { min: 12, max: 12 } });
  });

  it('knows nothing of unknown units', () => {
    expect(toHours('doubloons', 1)).toBeUndefined();
  });
});

describe('jurisdictionCovers', () => {
  it('covers the same code, subdivisions and group members only', () => {
    expect(jurisdictionCovers('NZ', 'NZ')).toBe(true);
    expect(jurisdictionCovers('CA', 'CA-ON')).toBe(true);
    expect(jurisdictionCovers('EU', 'DE')).toBe(true);
    expect(jurisdictionCovers('NZ', 'AU')).toBe(false);
    expect(jurisdictionCovers('CA-ON', 'CA')).toBe(false);
    expect(jurisdictionCovers('EU', 'NZ')).toBe(false);
  });
});
