import { checkCreditsAgainstHours, ectsFromHours, toHours } from './credits';
import { jurisdictionCovers } from './jurisdictions';
import { cycleToEqf, knownLevelFrameworks, toEqf } from './levels';

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

describe('checkCreditsAgainstHours', () => {
  const agrees = (system: string, value: number, hours: number | undefined) => checkCreditsAgainstHours({ system, value }, hours)?.agrees;

  it.each([[124, false], [125, true], [150, true], [151, false]])('5 ECTS (25-30 h, no tolerance) for %i h: %s', (hours, expected) =>
    expect(agrees('ECTS', 5, hours)).toBe(expected));
  it.each([[134, false], [135, true], [149, true], [150, true], [151, true], [165, true], [166, false]])('15 NZ credits (10 h, 10%%) for %i h: %s', (hours, expected) =>
    expect(agrees('NZQCF-credit', 15, hours)).toBe(expected));
  it('never agrees with no workload, or with 0 credits', () => {
    expect(agrees('NZQCF-credit', 5, 0)).toBe(false);
    expect(agrees('NZQCF-credit', 5, undefined)).toBe(false);
    expect(agrees('ECTS', 0, 0)).toBe(false);
    expect(agrees('ECTS', 0, 150)).toBe(false);
  });
  it('gives the hours expected, the tolerance and its basis', () =>
    expect(checkCreditsAgainstHours({ system: 'NZQCF-credit', value: 15 }, 20)).toEqual({
      agrees: false, expected: { min: 135, max: 165 }, tolerance: 0.1, basis: expect.stringContaining('NZQA'),
    }));
  it('cannot judge a unit it does not know', () => expect(checkCreditsAgainstHours({ system: 'doubloons', value: 1 }, 10)).toBeUndefined());
});

describe('ectsFromHours', () => {
  it('gives hours/30 .. hours/25 on the hours basis', () => {
    expect(ectsFromHours(150)).toEqual({ min: 5, max: 6, basis: 'hours', source: expect.stringContaining('ECTS') });
    expect(ectsFromHours(100)).toMatchObject({ min: 3.33, max: 4 });
  });
  it('gives nothing for no workload', () => expect(ectsFromHours(0)).toBeUndefined());
});

describe('cycleToEqf', () => {
  it('references the QF-EHEA cycles to EQF 5-8', () => {
    expect(['short', 'first', 'second', 'third'].map(cycleToEqf)).toEqual([5, 6, 7, 8]);
    expect(cycleToEqf('fourth')).toBeUndefined();
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
