import { calendarInstant } from './calendar-instant';

describe('calendarInstant', () => {
  it('reads real instants with any offset', () => {
    expect(calendarInstant('2026-03-01T00:00:00Z')).toBe(Date.UTC(2026, 2, 1));
    expect(calendarInstant('2026-03-01T12:00:00.5+12:00')).toBe(Date.UTC(2026, 2, 1, 0, 0, 0, 500));
  });

  it.each(['2026-02-30T00:00:00Z', '2026-13-45T99:99:99Z', '2026-01-01T25:61:61Z', '2026-01-01T00:00:00+24:00', '2026-01-01', '2026-01-01T00:00:00'])(
    'refuses %s',
    (value) => expect(calendarInstant(value)).toBeUndefined(),
  );
});
