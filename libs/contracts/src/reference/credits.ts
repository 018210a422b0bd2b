import creditsData from '../../reference/credits.json';

export interface CreditSystem {
  name: string;
  hours: { min: number; max: number };
  approximate?: boolean;
  source: string;
  /** Fraction the hours may lie outside the unit's range and still agree (credits.json says why). */
  tolerance: number;
  toleranceBasis: string;
}

/** Hours a declared volume stands for: a range where the unit itself is a range (ECTS 25-30 h). */
export interface HoursEstimate {
  system: string;
  value: number;
  hours: { min: number; max: number };
  approximate: boolean;
  basis: string;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const systems = creditsData.systems as Record<string, CreditSystem>;

export function creditSystem(system: string): CreditSystem | undefined {
  return Object.prototype.hasOwnProperty.call(systems, system) ? systems[system] : undefined;
}

export function knownCreditSystems(): string[] {
  return Object.keys(systems);
}

/** Arithmetic on hours, not an official equivalence; undefined for a unit the ledger does not know. */
export function toHours(system: string, value: number): HoursEstimate | undefined {
  const s = creditSystem(system);
  if (!s || !Number.isFinite(value) || value < 0) return undefined;
  return {
    system,
    value,
    hours: { min: round(value * s.hours.min), max: round(value * s.hours.max) },
    approximate: s.approximate === true || s.hours.min !== s.hours.max,
    basis: s.source,
  };
}


/** Whether declared credits agree with a workload in hours: the unit's hour range widened by its tolerance. */
export interface CreditsHoursCheck {
  agrees: boolean;
  /** The hours the declared credits stand for, tolerance included (bounds included). */
  expected: { min: number; max: number };
  tolerance: number;
  basis: string;
}

/**
 * Checks credits against hours (1 NZ credit = 10 h, 1 ECTS = 25-30 h, credits.json).
 * A workload of 0 or no hours never agrees with a positive credit value: nothing backs it.
 * Undefined for a unit the ledger does not know (the unit's own validation names that).
 */
export function checkCreditsAgainstHours(credits: { system: string; value: number }, hours: number | undefined): CreditsHoursCheck | undefined {
  const s = creditSystem(credits.system);
  if (!s || !Number.isFinite(credits.value)) return undefined;
  const expected = { min: round(credits.value * s.hours.min * (1 - s.tolerance)), max: round(credits.value * s.hours.max * (1 + s.tolerance)) };
  const h = typeof hours === 'number' && Number.isFinite(hours) ? hours : 0;
  const agrees = h > 0 && credits.value > 0 && h >= expected.min && h <= expected.max;
  return { agrees, expected, tolerance: s.tolerance, basis: `${s.source}; tolerance ${s.toleranceBasis}` };
}

/** The ECTS range a workload in hours stands for (hours/30 .. hours/25): arithmetic, not an equivalence. */
export function ectsFromHours(hours: number): { min: number; max: number; basis: 'hours'; source: string } | undefined {
  const ects = creditSystem('ECTS');
  if (!ects || !(hours > 0)) return undefined;
  const two = (n: number) => Math.round(n * 100) / 100;
  return { min: two(hours / ects.hours.max), max: two(hours / ects.hours.min), basis: 'hours', source: ects.source };
}
