import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { Figure } from './measurement';

/** 123456 → 123456; 12.3456 → 12.35; 0.01234 → 0.0123. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 100) return String(Math.round(n));
  if (a >= 1) return n.toFixed(2).replace(/\.?0+$/, '');
  if (a === 0) return '0';
  return n.toPrecision(3).replace(/\.?0+$/, '');
}

/** `name: value unit (limit|peer label: value unit, ratio: x) [target …] — detail`, or `name: skipped (reason)`. */
export function line(f: Figure): string {
  if (f.value === undefined) return `${f.name}: skipped (${f.skipped ?? 'no value'})${f.target ? ` [target ${f.target}]` : ''}`;
  let out = `${f.name}: ${formatNumber(f.value)} ${f.unit}`;
  if (f.compare) out += ` (${f.compare.kind} ${f.compare.label}: ${formatNumber(f.compare.value)} ${f.compare.unit}, ratio: ${f.compare.ratio.toFixed(2)})`;
  if (f.target) out += ` [target ${f.target}${f.met === false ? ': not met' : f.met ? ': met' : ''}]`;
  if (f.detail) out += ` — ${f.detail}`;
  return out;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryMb: number;
  freeMemoryMb: number;
  os: string;
  node: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
  commit?: string;
}

export function machineInfo(): MachineInfo {
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    commit = undefined; // not a git checkout
  }
  return {
    cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryMb: Math.round(totalmem() / 2 ** 20), freeMemoryMb: Math.round(freemem() / 2 ** 20),
    os: `${osType()} ${release()}`, node: process.version, loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))), commit,
  };
}

export interface BenchResults {
  mode: 'quick' | 'full';
  startedAt: string;
  seconds: number;
  machine: MachineInfo;
  figures: Figure[];
}

export function markdown(r: BenchResults): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = r.figures.map((f) => {
    const value = f.value === undefined ? `skipped: ${f.skipped ?? ''}` : `${formatNumber(f.value)} ${f.unit}`;
    const cmp = f.compare ? `${f.compare.kind} ${f.compare.label}: ${formatNumber(f.compare.value)} ${f.compare.unit}` : '';
    const ratio = f.compare ? f.compare.ratio.toFixed(2) : '';
    const target = f.target ? `${f.target}${f.met === false ? ' (not met)' : f.met ? ' (met)' : ''}` : '';
    return `| ${[f.name, value, cmp, ratio, target, f.detail ?? ''].map(cell).join(' | ')} |`;
  });
  const m = r.machine;
  return [
    `# Bench results (${r.mode})`,
    '',
    `${r.startedAt}, ${Math.round(r.seconds)} s; ${m.cpus} × ${m.cpuModel}, ${m.memoryMb} MB, ${m.os}, Node ${m.node}${m.commit ? `, commit ${m.commit}` : ''}; load average ${m.loadAverageAtStart.join(' ')} at start${m.loadAverageAtEnd ? `, ${m.loadAverageAtEnd.join(' ')} at end` : ''}.`,
    '',
    '| figure | value | limit / peer | ratio | target | how |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/**
 * Writes bench/results/latest.json and latest.md (under the repository root), or
 * partial.json and partial.md for a run of some measurements only (--only), which must not
 * stand in for a whole run. Answers the path of the JSON file.
 */
export function writeResults(root: string, r: BenchResults, partial = false): string {
  const dir = join(root, 'bench', 'results');
  const name = partial ? 'partial' : 'latest';
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(join(dir, `${name}.md`), markdown(r));
  return join(dir, `${name}.json`);
}
