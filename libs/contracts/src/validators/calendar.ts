import { ValidationOptions } from 'class-validator';
import { ruleDecorator } from './rule-decorator';

/**
 * The years a date or instant may fall in. Wider than any credential's life, narrow enough
 * that every value is a valid JavaScript Date and sorts as text: a year like 0000 or 99999
 * is a typing error, never a real issue or expiry date.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
/** Real-world UTC offsets lie within ±14:00; ±18:00 is the widest ISO 8601 / java.time accepts. */
const MAX_OFFSET_MINUTES = 18 * 60;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/;

export const INSTANT_RULE = `an ISO 8601 instant with an explicit offset (Z or ±hh:mm), a real calendar date and time, years ${MIN_YEAR}-${MAX_YEAR}`;
export const DATE_RULE = `a calendar date YYYY-MM-DD, years ${MIN_YEAR}-${MAX_YEAR}`;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dateProblem(year: number, month: number, day: number): string | undefined {
  if (year < MIN_YEAR || year > MAX_YEAR) return `year ${year} is outside ${MIN_YEAR}-${MAX_YEAR}`;
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  if (day < 1 || day > daysIn(year, month)) return `day ${day} does not exist in ${year}-${String(month).padStart(2, '0')}`;
  return undefined;
}

/** Why `value` is not a real calendar date (YYYY-MM-DD), or undefined when it is one. */
export function calendarDateProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  const m = DATE.exec(value);
  if (!m) return 'not in the form YYYY-MM-DD';
  return dateProblem(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Why `value` is not a real ISO 8601 instant with an explicit offset, or undefined when it is one. */
export function calendarInstantProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  const m = INSTANT.exec(value);
  if (!m) return 'not in the form YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)';
  const bad = dateProblem(Number(m[1]), Number(m[2]), Number(m[3]));
  if (bad) return bad;
  // A leap second (:60) has no JavaScript Date and no place in a credential's validity.
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return `time ${m[4]}:${m[5]}:${m[6]} does not exist`;
  if (m[9] !== undefined) {
    const minutes = Number(m[10]) * 60 + Number(m[11]);
    if (Number(m[11]) > 59 || minutes > MAX_OFFSET_MINUTES) return `offset ${m[8]} does not exist`;
  }
  return undefined;
}


/** A real instant: `2026-02-30T00:00:00Z`, `…T25:61:61Z` or one without an offset are refused. */
export function IsCalendarInstant(options?: ValidationOptions): PropertyDecorator {
  return ruleDecorator('isCalendarInstant', calendarInstantProblem, INSTANT_RULE, options);
}

/** A real calendar date; `notFuture` refuses dates after today (UTC), e.g. a birth date. */
export function IsCalendarDate(options: ValidationOptions & { notFuture?: boolean } = {}): PropertyDecorator {
  const { notFuture, ...validation } = options;
  const problem = (value: unknown) => {
    const bad = calendarDateProblem(value);
    if (bad || !notFuture) return bad;
    return (value as string) > new Date().toISOString().slice(0, 10) ? 'a date in the future' : undefined;
  };
  return ruleDecorator('isCalendarDate', problem, notFuture ? `${DATE_RULE}, not in the future` : DATE_RULE, validation);
}

/** Either form: a date stands for midnight UTC (used by "as of" questions). */
export function IsCalendarDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  const problem = (value: unknown) => (typeof value === 'string' && value.length === 10 ? calendarDateProblem(value) : calendarInstantProblem(value));
  return ruleDecorator('isCalendarDateOrInstant', problem, `${DATE_RULE}, or ${INSTANT_RULE}`, options);
}
