import { creditSystem, ectsFromHours, toEqf, toHours } from '@app/contracts';

/** The parts of an achievement specification the figures are normalised from. */
export interface NormalisableSpec {
  level?: { framework: string; value: number };
  workload: { hours: number; credits?: { system: string; value: number } };
}

/**
 * The declared level on the EQF. `level: null` is an answer, not an error: no level was
 * declared, or the reference data finds no single comparable level (`notComparable`).
 */
export interface NormalisedEqf {
  level: number | null;
  notComparable?: true;
  reason?: string;
  /** Present where the reference data says the referencing is not yet confirmed (AQF), as QA's approval figures say it. */
  status?: 'unconfirmed';
  basis: string;
  source?: string;
}

/** A range; null bounds when nothing was declared to derive it from. */
export interface NormalisedRange {
  min: number | null;
  max: number | null;
  /** `declared`, `credits:<system>` (hours from credits) or `hours` (ECTS from hours); `none` when nothing backs it. */
  basis: string;
  source?: string;
}

/** Figures for cross-border use, shown beside the declared ones and never instead of them. */
export interface Normalised {
  eqf: NormalisedEqf;
  hours: NormalisedRange;
  ects: NormalisedRange;
}

const NONE: NormalisedRange = { min: null, max: null, basis: 'none' };

/**
 * Normalises an achievement specification (the revision in force at issue) with the
 * reference data: levels.json for the EQF, credits.json for hours and ECTS. Pure.
 */
export function normalise(spec: NormalisableSpec): Normalised {
  const hours = normaliseHours(spec.workload);
  return { eqf: normaliseLevel(spec.level), hours, ects: normaliseEcts(spec.workload, hours) };
}

function normaliseLevel(level: NormalisableSpec['level']): NormalisedEqf {
  if (!level) return { level: null, basis: 'none: no level declared' };
  const ref = toEqf(level.framework, level.value);
  if ('notComparable' in ref) {
    return { level: null, notComparable: true, reason: ref.reason, basis: ref.basis ?? level.framework, ...(ref.source ? { source: ref.source } : {}) };
  }
  return { level: ref.eqf, basis: ref.basis, source: ref.source, ...(ref.status === 'unconfirmed' ? { status: 'unconfirmed' as const } : {}) };
}

/** Declared hours when there are any; otherwise the hours the declared credits stand for. */
function normaliseHours(workload: NormalisableSpec['workload']): NormalisedRange {
  if (workload.hours > 0) return { min: workload.hours, max: workload.hours, basis: 'declared' };
  const credits = workload.credits && toHours(workload.credits.system, workload.credits.value);
  if (!credits || !(credits.hours.max > 0)) return NONE;
  return { min: credits.hours.min, max: credits.hours.max, basis: `credits:${credits.system}`, source: credits.basis };
}

/** Declared ECTS as they are; otherwise the ECTS range the hours stand for (25-30 h per ECTS). */
function normaliseEcts(workload: NormalisableSpec['workload'], hours: NormalisedRange): NormalisedRange {
  const credits = workload.credits;
  if (credits?.system === 'ECTS' && credits.value > 0) return { min: credits.value, max: credits.value, basis: 'declared', source: creditSystem('ECTS')?.source ?? 'ECTS' };
  if (hours.min === null || hours.max === null) return NONE;
  const low = ectsFromHours(hours.min);
  const high = ectsFromHours(hours.max);
  if (!low || !high) return NONE;
  return { min: low.min, max: high.max, basis: 'hours', source: low.source };
}
