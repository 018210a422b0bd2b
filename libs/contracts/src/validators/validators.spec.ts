import { calendarDateProblem, calendarInstantProblem, IsCalendarDate } from './calendar';
import { jsonShapeProblem, MAX_JSON_DEPTH, MAX_JSON_KEYS, MAX_JSON_VALUES } from './depth';
import { idProblem, textProblem } from './text';
import { validatePlain } from '../validation';
import { DefineAchievementRequest } from '../wire/admin.wire';
import { isSigningKeyId } from '../events/provider.events';

describe('calendar instants', () => {
  it.each(['2026-03-01T00:00:00Z', '2024-02-29T23:59:59.123456789+13:45', '1900-01-01T00:00:00-12:00', '2200-12-31T23:59:59Z'])('takes %s', (v) => {
    expect(calendarInstantProblem(v)).toBeUndefined();
  });

  it.each([
    ['2026-13-45T99:99:99Z', 'month 13'],
    ['2026-02-30T00:00:00Z', 'day 30'],
    ['2025-02-29T00:00:00Z', 'day 29'],
    ['2026-01-01T25:61:61Z', 'time 25:61:61'],
    ['2026-01-01T23:59:60Z', 'time 23:59:60'],
    ['2026-01-01T00:00:00', 'not in the form'],
    ['2026-01-01T00:00:00+25:00', 'offset'],
    ['1899-12-31T00:00:00Z', 'year 1899'],
    ['2201-01-01T00:00:00Z', 'year 2201'],
    ['2026-01-01', 'not in the form'],
    [20260101, 'not a string'],
  ])('refuses %j (%s)', (v, reason) => {
    expect(calendarInstantProblem(v)).toContain(reason);
  });
});

describe('calendar dates', () => {
  it.each([['1999-99-99', 'month 99'], ['2026-02-30', 'day 30'], ['1999-4-12', 'not in the form'], ['0001-01-01', 'year 1']])('refuses %s', (v, reason) => {
    expect(calendarDateProblem(v)).toContain(reason);
  });

  it('refuses a birth date in the future, naming it', () => {
    class Person {
      @IsCalendarDate({ notFuture: true }) birthDate!: string;
    }
    const result = validatePlain(Person, { birthDate: '2199-01-01' });
    expect(result.ok ? [] : result.errors).toEqual([{ field: 'birthDate', message: expect.stringContaining('not in the future (a date in the future)') }]);
    expect(validatePlain(Person, { birthDate: '1999-04-12' }).ok).toBe(true);
  });
});

describe('ids', () => {
  it.each(['evt-1', 'CERT/2026/0001', 'a', 'bulk:r-1:C-1', 'x@y.z#1+2~3'])('takes %s', (v) => expect(idProblem(v, 200)).toBeUndefined());

  it.each([
    ['', 'length 0'],
    ['x'.repeat(201), 'length 201'],
    ['evt 1', 'other characters'],
    ['evt\u0000', 'other characters'],
    ['\udc00', 'other characters'],
    ['évt', 'other characters'],
    ['-evt', 'other characters'],
    ['constructor', 'reserved'],
    [42, 'not a string'],
  ])('refuses %j (%s)', (v, reason) => expect(idProblem(v, 200)).toContain(reason));

  it('refuses object property names as signing key ids', () => {
    expect(['__proto__', 'constructor', 'prototype', 'key 1'].map(isSigningKeyId)).toEqual([false, false, false, false]);
    expect(isSigningKeyId('batch-2026-1')).toBe(true);
  });
});

describe('free text', () => {
  it.each([
    ['a\u0000b', 'control'],
    ['a\u0085b', 'control'],
    ['evil\u202egnp.exe', 'bidirectional'],
    ['x\u2066y', 'bidirectional'],
    ['\ud800', 'lone surrogate'],
    ['line\nbreak', 'control'],
  ])('refuses %j in a one-line text (%s)', (v, reason) => expect(textProblem(v, { max: 100 })).toContain(reason));

  it('keeps line breaks and tabs in multi-line text, and any real Unicode', () => {
    expect(textProblem('one\n\ttwo', { max: 100, multiline: true })).toBeUndefined();
    expect(textProblem('Te Pūkenga 🎓 مرحبا', { max: 100 })).toBeUndefined();
  });
});

describe('json shape', () => {
  const nested = (levels: number) => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);

  it('names where ~10,000 levels of nesting begin to be too deep, without overflowing', () => {
    expect(jsonShapeProblem({ items: nested(10_000) })).toEqual({ field: `items${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`, message: `nested more than ${MAX_JSON_DEPTH} levels deep` });
    expect(jsonShapeProblem({ items: nested(MAX_JSON_DEPTH - 1) })).toBeUndefined();
  });

  it('names an object with more properties than any request has', () => {
    const wide = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, 1]));
    expect(jsonShapeProblem({ items: [{}, { data: wide(MAX_JSON_KEYS + 1) }] })).toEqual({ field: 'items[1].data', message: `has more than ${MAX_JSON_KEYS} properties` });
    expect(jsonShapeProblem(wide(MAX_JSON_KEYS + 1), undefined, 'body')).toEqual({ field: 'body', message: `has more than ${MAX_JSON_KEYS} properties` });
    expect(jsonShapeProblem({ items: [wide(MAX_JSON_KEYS)] })).toBeUndefined();
  });

  it('refuses a body holding more values than a full batch could', () => {
    expect(jsonShapeProblem({ items: new Array(MAX_JSON_VALUES).fill(0) })).toEqual({ field: '(body)', message: `holds more than ${MAX_JSON_VALUES} values` });
    expect(jsonShapeProblem({ items: new Array(MAX_JSON_VALUES - 2).fill(0) })).toBeUndefined();
  });

  it('finds a __proto__ key at any depth', () => {
    expect(jsonShapeProblem(JSON.parse('{"a":[{"b":{"__proto__":{"x":1}}}]}'))).toEqual({ field: 'a[0].b.__proto__', message: 'property __proto__ should not exist' });
  });

  it('lets validatePlain answer a deep value as a field error', () => {
    const result = validatePlain(DefineAchievementRequest, { title: nested(10_000) }, 'body');
    expect(result.ok ? [] : result.errors[0]).toMatchObject({ field: expect.stringMatching(/^body\.title/), message: expect.stringContaining('levels deep') });
  });
});

describe('achievement reference data', () => {
  const base = {
    title: 'T', learningOutcomes: ['o'], workload: { hours: 150 }, assessment: { type: 'exam', supervised: true, identityVerified: true },
    participation: 'online', language: 'en',
  };
  const fieldsOf = (body: object) => {
    const result = validatePlain(DefineAchievementRequest, body);
    return result.ok ? [] : [...new Set(result.errors.map((e) => e.field))];
  };

  it('takes levels and credits of the reference data', () => {
    expect(fieldsOf({ ...base, level: { framework: 'NZQCF', value: 10 }, workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } } })).toEqual([]);
  });

  it.each([
    ['NZQCF level 11', { level: { framework: 'NZQCF', value: 11 } }, 'level.value'],
    ['an unknown framework', { level: { framework: 'XQF', value: 3 } }, 'level.framework'],
    ['credit system "bananas"', { workload: { hours: 150, credits: { system: 'bananas', value: 3 } } }, 'workload.credits.system'],
    ['a title with a bidi override', { title: 'Data \u202eLiteracy' }, 'title'],
    ['an outcome with NUL', { learningOutcomes: ['ok', 'x\u0000'] }, 'learningOutcomes'],
    ['hours as a string', { workload: { hours: '150' } }, 'workload.hours'],
  ])('refuses %s, naming the field', (_name, change, field) => {
    expect(fieldsOf({ ...base, ...change })).toEqual([field]);
  });
});
