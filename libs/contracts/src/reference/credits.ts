import creditsData from '../../reference/credits.json';

export interface CreditSystem {
  name: string;
  hours: { min: number; max: number };
  approximate?: boolean;
  source: string;
}

/** Hours a declared volume stands for: a range where the unit itself is a range (ECTS 25-30 h). */
export interface HoursEstimate {
  system: string;
  value: number;
  hours: { min: number; max: number };
  approximate: boolean;
  basis: string;
}

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
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    system,
    value,
    hours: { min: round(value * s.hours.min), max: round(value * s.hours.max) },
    approximate: s.approximate === true || s.hours.min !== s.hours.max,
    basis: s.source,
  };
}
