import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { Figure, Measurement } from './measurement';
import { emmettMeasurement } from './emmett';
import { feedMeasurement, postgresMeasurement, verificationMeasurement } from './measurements-more';
import { accessAudit, auditExportRate, ingestHttp, ingestHttpSigned, ingestKafka, ingestTopologies, tlog } from './measurements';
import { rebuildMeasurement } from './rebuild';
import { line, machineInfo, writeResults } from './report';

/**
 * `npm run bench [-- --quick] [-- --no-kafka] [-- --only=a,b]`: every DESIGN §7 figure, each
 * beside the machine's own limit or a peer measured in the same run, printed as
 * `name: value unit (limit|peer label: value, ratio: x) [target]` and written to
 * bench/results/latest.json and latest.md. Nothing here asserts: a slow figure says "not
 * met", a measurement that fails prints its lines as `skipped (reason)` and the run goes on.
 *
 * To add a measurement: export a `Measurement` from its own file and list it here. In
 * --quick the list runs in order until BENCH_QUICK_BUDGET_S (95 s) is spent, so CI stays
 * under two minutes (a measurement that states its `quickSeconds` starts only if they still fit);
 * the rest print `skipped (budget)`.
 */
const MEASUREMENTS: Measurement[] = [
  // DESIGN §7's figures first, so a --quick run spends its budget on them; then the peers and the rest.
  ingestHttp,
  rebuildMeasurement,
  verificationMeasurement,
  tlog,
  feedMeasurement,
  ingestKafka,
  emmettMeasurement,
  postgresMeasurement,
  auditExportRate,
  accessAudit,
  ingestHttpSigned,
  ingestTopologies,
];

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const machine = machineInfo();
  const startedAt = new Date().toISOString();
  const started = performance.now();
  console.log(`# bench ${quick ? '--quick' : 'full'}: ${machine.cpus} × ${machine.cpuModel}, load average ${machine.loadAverageAtStart.join(' ')}, Node ${machine.node}`);
  const figures: Figure[] = [];
  // --quick runs in CI: past its budget, the measurements not yet started say so instead of running.
  const budgetSeconds = quick ? Number(process.env.BENCH_QUICK_BUDGET_S ?? 95) : Infinity;
  for (const m of MEASUREMENTS) {
    if (only && !only.includes(m.name)) continue;
    let out: Figure[];
    const elapsed = (performance.now() - started) / 1000;
    try {
      if (elapsed + (m.quickSeconds ?? 0) > budgetSeconds) out = m.figures.map((name) => ({ name, unit: '', skipped: `--quick budget of ${budgetSeconds} s: ${Math.round(elapsed)} s spent${m.quickSeconds ? `, it needs ~${m.quickSeconds} s` : ''}; run it alone with --only=${m.name}` }));
      else out = await m.run({ quick, argv });
    } catch (error) {
      const reason = `${m.name} failed: ${describe(error).split('\n')[0].slice(0, 300)}`;
      out = m.figures.map((name) => ({ name, unit: '', skipped: reason }));
    }
    for (const f of out) {
      figures.push(f);
      console.log(line(f));
    }
  }
  machine.loadAverageAtEnd = loadavg().map((l) => Number(l.toFixed(2)));
  const seconds = (performance.now() - started) / 1000;
  const file = writeResults(resolve(__dirname, '..', '..'), { mode: quick ? 'quick' : 'full', startedAt, seconds, machine, figures }, only !== undefined);
  console.log(`# ${Math.round(seconds)} s; results in ${file} and beside it as markdown`);
}

/** The message, and the cause's where there is one (fetch says only "fetch failed"). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { message?: string; code?: string } | undefined;
  return cause ? `${error.message}: ${cause.code ?? ''} ${cause.message ?? ''}`.trim() : error.message;
}

// The ledgers the measurements start are unref'd child processes: without a handle of its own,
// Node would find nothing left to wait for and exit 0 in the middle of a measurement.
const alive = setInterval(() => undefined, 60_000);
let finished = false;
process.on('beforeExit', () => {
  if (finished) return;
  console.error('bench: the run stopped before its measurements finished (nothing left for Node to wait on)');
  process.exit(1);
});
main().then(() => {
  finished = true;
  clearInterval(alive);
  process.exit(0);
}, (error: unknown) => {
  // Only the printer itself can get here: measurements' failures are caught above.
  console.error(error);
  process.exit(1);
});
