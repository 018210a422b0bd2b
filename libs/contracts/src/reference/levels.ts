import levelsData from '../../reference/levels.json';

export interface LevelFramework {
  name: string;
  min: number;
  max: number;
  source: string;
  basis: string;
  status?: 'unconfirmed';
  labels?: Record<string, string>;
  toEqf: Record<string, number>;
  notComparable?: Record<string, string>;
}

export type EqfReference =
  | { eqf: number; basis: string; source: string; status: 'confirmed' | 'unconfirmed' }
  | { notComparable: true; reason: string };

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
    return { notComparable: true, reason: f.notComparable?.[String(level)] ?? `no EQF referencing of ${framework} level ${level} in the project's sources` };
  }
  return { eqf, basis: f.basis, source: f.source, status: f.status === 'unconfirmed' ? 'unconfirmed' : 'confirmed' };
}
