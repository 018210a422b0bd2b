import { normalise } from './normalise';

const spec = (hours: number, credits?: { system: string; value: number }, level?: { framework: string; value: number }) => ({ workload: { hours, ...(credits ? { credits } : {}) }, ...(level ? { level } : {}) });

describe('normalise', () => {
  describe('when a NZ achievement declares a NZQCF level, hours and NZ credits', () => {
    it('references the level to the EQF, keeps the declared hours and derives ECTS from them', () => {
      expect(normalise(spec(150, { system: 'NZQCF-credit', value: 15 }, { framework: 'NZQCF', value: 5 }))).toEqual({
        eqf: { level: 5, basis: 'NZQF-EQF comparability report 2016/17', source: expect.stringContaining('NZQA-European Commission') },
        hours: { min: 150, max: 150, basis: 'declared' },
        ects: { min: 5, max: 6, basis: 'hours', source: expect.stringContaining('ECTS Users') },
      });
    });

    it.each([
      [1, 2],
      [7, 6],
      [9, 7],
      [10, 8],
    ])('references NZQCF %i to EQF %i', (nz, eqf) => {
      expect(normalise(spec(10, undefined, { framework: 'NZQCF', value: nz })).eqf.level).toBe(eqf);
    });

    it('answers NZQCF 8 as not comparable, with the reason and the report, not an error', () => {
      expect(normalise(spec(1200, undefined, { framework: 'NZQCF', value: 8 })).eqf).toEqual({
        level: null, notComparable: true, reason: expect.stringContaining('no EQF level comparable'), basis: 'NZQF-EQF comparability report 2016/17', source: expect.any(String),
      });
    });

    it('derives the hours from the NZ credits when no hours are declared (1 credit = 10 h)', () => {
      const n = normalise(spec(0, { system: 'NZQCF-credit', value: 15 }));
      expect(n.hours).toEqual({ min: 150, max: 150, basis: 'credits:NZQCF-credit', source: expect.stringContaining('NZQA') });
      expect(n.ects).toMatchObject({ min: 5, max: 6, basis: 'hours' });
    });
  });

  describe('when an AU achievement declares an AQF level', () => {
    it('marks the AQF referencing as unconfirmed, per the reference data', () => {
      expect(normalise(spec(1200, undefined, { framework: 'AQF', value: 7 })).eqf).toMatchObject({ level: 6, status: 'unconfirmed', basis: expect.stringContaining('unconfirmed') });
      expect(normalise(spec(1200, undefined, { framework: 'AQF', value: 10 })).eqf).toMatchObject({ level: 8, status: 'unconfirmed' });
    });

    it('answers AQF 8 as not comparable (referenced to EQF 6 or 7: no single level)', () => {
      expect(normalise(spec(1200, undefined, { framework: 'AQF', value: 8 })).eqf).toMatchObject({ level: null, notComparable: true, reason: expect.stringContaining('no single level') });
    });

    it('derives the hours from an AQF volume of learning (1 year = 1,200 h)', () => {
      expect(normalise(spec(0, { system: 'AQF-year', value: 0.5 })).hours).toMatchObject({ min: 600, max: 600, basis: 'credits:AQF-year' });
    });
  });

  describe('when an EU achievement declares ECTS', () => {
    it('keeps the declared ECTS and hours, and the EQF level as it is', () => {
      expect(normalise(spec(125, { system: 'ECTS', value: 5 }, { framework: 'EQF', value: 6 }))).toEqual({
        eqf: { level: 6, basis: 'EQF is the pivot: identity', source: expect.stringContaining('2017/C 189/03') },
        hours: { min: 125, max: 125, basis: 'declared' },
        ects: { min: 5, max: 5, basis: 'declared', source: expect.stringContaining('ECTS Users') },
      });
    });

    it('derives the hours from ECTS as a range (25-30 h per credit) when no hours are declared', () => {
      const n = normalise(spec(0, { system: 'ECTS', value: 5 }));
      expect(n.hours).toMatchObject({ min: 125, max: 150, basis: 'credits:ECTS' });
      expect(n.ects).toMatchObject({ min: 5, max: 5, basis: 'declared' });
    });

    it('references a QF-EHEA cycle to the EQF (first cycle = EQF 6)', () => {
      expect(normalise(spec(1800, undefined, { framework: 'QF-EHEA', value: 2 })).eqf.level).toBe(6);
    });
  });

  describe('when a CA-ON achievement declares hours but no level', () => {
    it('answers no EQF level and ECTS from the hours at the 25 and 30 h bounds', () => {
      expect(normalise(spec(30))).toEqual({
        eqf: { level: null, basis: 'none: no level declared' },
        hours: { min: 30, max: 30, basis: 'declared' },
        ects: { min: 1, max: 1.2, basis: 'hours', source: expect.any(String) },
      });
      expect(normalise(spec(25)).ects).toMatchObject({ min: 0.83, max: 1 });
    });
  });

  describe('when a US achievement declares credit hours', () => {
    it('derives the hours from semester credit hours (about 45 h each) and ECTS from those', () => {
      const n = normalise(spec(0, { system: 'US-semester-credit-hour', value: 3 }));
      expect(n.hours).toMatchObject({ min: 135, max: 135, basis: 'credits:US-semester-credit-hour', source: expect.stringContaining('34 CFR 600.2') });
      expect(n.ects).toMatchObject({ min: 4.5, max: 5.4, basis: 'hours' });
    });

    it('widens the ECTS range to the quarter credit hour range (30-36 h each)', () => {
      const n = normalise(spec(0, { system: 'US-quarter-credit-hour', value: 4 }));
      expect(n.hours).toMatchObject({ min: 120, max: 144 });
      expect(n.ects).toMatchObject({ min: 4, max: 5.76 });
    });

    it('keeps declared hours over the credit hours', () => {
      expect(normalise(spec(140, { system: 'US-semester-credit-hour', value: 3 })).hours).toEqual({ min: 140, max: 140, basis: 'declared' });
    });
  });

  describe('when neither hours nor credits are declared', () => {
    it('answers no hours and no ECTS rather than zero', () => {
      const n = normalise(spec(0));
      expect(n.hours).toEqual({ min: null, max: null, basis: 'none' });
      expect(n.ects).toEqual({ min: null, max: null, basis: 'none' });
    });
  });
});
