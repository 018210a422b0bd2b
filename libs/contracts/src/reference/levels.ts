import levelsData from '../../reference/levels.json';

export interface LevelFramework {
  name: string;
  min: number;
  max: number;
  source: string;
  basis: string;
  status?: 'unconfirmed';
  labels?: Record<string, string>;
  /** QF-EHEA only: cycle name to its level in the framework. */
  cycles?: Record<string, number>;
  toEqf: Record<string, number>;
  notComparable?: Record<string, string>;
}

export type EqfReference =
  | { eqf: number; basis: string; source: string; status: 'confirmed' | 'unconfirmed' }
  | { notComparable: true; reason: string; basis?: string; source?: string };

const frameworks = levelsData.frameworks as Record<string, LevelFramework>;

/** Level frameworks the ledger knows, with their ranges and provenance. */
export function levelFramework(framework: string): LevelFramework | undefined {
  return Object.prototype.hasOwnProperty.call(frameworks, framework) ? frameworks[framework] : undefined;
}

export function knownLevelFrameworks(): string[] {
  return Object.keys(frameworks);
}

/**
 * A national level referenced to the EQF, with the report it rests on. An absent or
 * ambiguous referencing answers "not comparable": the ledger never guesses a level.
 */
export function toEqf(framework: string, level: number): EqfReference {
  const f = levelFramework(framework);
  if (!f) return { notComparable: true, reason: `unknown level framework ${framework}` };
  if (!Number.isInteger(level) || level < f.min || level > f.max) {
    return { notComparable: true, reason: `${framework} has levels ${f.min}-${f.max}, not ${level}` };
  }
  const eqf = f.toEqf[String(level)];
  if (eqf === undefined) {
    return {
      notComparable: true,
      reason: f.notComparable?.[String(level)] ?? `no EQF referencing of ${framework} level ${level} in the project's sources`,
      basis: f.basis,
      source: f.source,
    };
  }
  return { eqf, basis: f.basis, source: f.source, status: f.status === 'unconfirmed' ? 'unconfirmed' : 'confirmed' };
}

/** QF-EHEA cycles (short, first, second, third), from the reference data. */
export const QF_EHEA_CYCLES = ['short', 'first', 'second', 'third'] as const;
export type QfEheaCycle = (typeof QF_EHEA_CYCLES)[number];

/** The EQF level a QF-EHEA cycle is referenced to (short 5, first 6, second 7, third 8). */
export function cycleToEqf(cycle: string): number | undefined {
  const f = levelFramework('QF-EHEA');
  const level = f?.cycles?.[cycle];
  return level === undefined ? undefined : f?.toEqf[String(level)];
}
