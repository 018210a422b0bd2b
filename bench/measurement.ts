/**
 * The shape every bench measurement shares: a function that returns figures, and one
 * printer (report.ts) that renders them as lines, JSON and a markdown table. A measurement
 * file exports a `Measurement`; run.ts lists them.
 */

/** What a figure is compared with: the machine's own limit for the same work, or a peer product doing it. */
export interface Comparison {
  kind: 'limit' | 'peer' | 'baseline';
  /** Names the limit or peer, e.g. `raw-sqlite` or `emmett-postgresql`. */
  label: string;
  value: number;
  unit: string;
  /** value of the figure / value of the comparison (> 1: the figure is higher). */
  ratio: number;
}

export interface Figure {
  name: string;
  /** Absent when the figure was not measured (see `skipped`). */
  value?: number;
  unit: string;
  compare?: Comparison;
  /** The target, as DESIGN §7 or the issue states it, e.g. `>= 20000 events/s`. */
  target?: string;
  /** Whether the value meets the target, when the target is a simple bound. */
  met?: boolean;
  /** How it was measured: sizes, settings, what the figure includes. */
  detail?: string;
  /** Why there is no value: an engine missing, a failure, not in the quick run. */
  skipped?: string;
  /** Extra numbers for the JSON (p50 beside a p99, bytes, counts). */
  extra?: Record<string, number | string | boolean>;
}

export interface BenchContext {
  quick: boolean;
  argv: string[];
}

export interface Measurement {
  /** Short name, used by `--only=<name>` and in messages. */
  name: string;
  /** The names of the figures it reports: each is printed `skipped (reason)` when the measurement fails. */
  figures: string[];
  /** About how long it takes in --quick: it starts only if that still fits the budget. */
  quickSeconds?: number;
  run(ctx: BenchContext): Promise<Figure[]>;
}

/** A figure compared with a limit or peer; the ratio is computed here. */
export function compared(kind: Comparison['kind'], label: string, value: number, unit: string, of: number): Comparison {
  return { kind, label, value, unit, ratio: value > 0 ? of / value : 0 };
}

/** `>= 20000` / `<= 60` style targets checked against a value. */
export function meets(value: number, target: string): boolean | undefined {
  const m = /^(>=|<=)\s*([\d.]+)/.exec(target);
  if (!m) return undefined;
  const bound = Number(m[2]);
  return m[1] === '>=' ? value >= bound : value <= bound;
}

/** A figure with its target checked. */
export function figure(f: Figure): Figure {
  return f.value !== undefined && f.target && f.met === undefined ? { ...f, met: meets(f.value, f.target) } : f;
}

export const skipped = (name: string, unit: string, reason: string, target?: string): Figure => ({ name, unit, skipped: reason, ...(target ? { target } : {}) });
