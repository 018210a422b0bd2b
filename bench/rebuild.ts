import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@app/event-store';
import { IdentifierDigester } from '@app/personal-data';
import { AppProcess, generateDataSet, lifecycleBatches, runSetup, storedEvents } from '@app/testing';
import { figure, Measurement } from './measurement';

export interface RebuildResult {
  events: number;
  /** Events in the log once the ledger had resolved learners (its own records events added). */
  logEvents: number;
  generateAndStoreSeconds: number;
  firstStartSeconds: number;
  rebuildSeconds: number;
  /** Of rebuildSeconds, the time until the restarted ledger answered /health. */
  rebuildStartSeconds: number;
  /** Peak RSS of the ledger process while it projected the log (first start, rebuild), bytes. */
  firstStartRssPeak: number;
  rebuildRssPeak: number;
  parked: number;
}

const rssOf = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
  } catch {
    return 0; // the process is gone
  }
};

/** Starts the ledger on `dir` and waits until every projection has reached the head and the head is still. */
async function startAndCatchUp(dir: string, env: Record<string, string>): Promise<{ app: AppProcess; seconds: number; startSeconds: number; rssPeak: number; head: number; parked: number }> {
  const started = performance.now();
  const app = await AppProcess.start({ dataDir: dir, env });
  const startSeconds = (performance.now() - started) / 1000;
  let rssPeak = rssOf(app.child.pid!);
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(app.child.pid!))), 100);
  try {
    const admin = app.adminKey();
    let last = -1;
    for (;;) {
      const status = (await app.api('GET', '/v1/projections', { key: admin })).body;
      if (status.lag === 0 && status.head === last) {
        return { app, seconds: (performance.now() - started) / 1000, startSeconds, rssPeak, head: status.head, parked: status.parked ?? 0 };
      }
      last = status.lag === 0 ? status.head : -1;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    clearInterval(sampler);
  }
}

/**
 * Full rebuild of every read model from a log of `events` generated lifecycle events (plus
 * the set-up and the learner events the ledger writes): the set-up goes through the API,
 * the credential events straight into the SQLite event store through its port (the API
 * would take minutes for 1,000,000), the ledger is started once to resolve learners and
 * project, then its read store is deleted and the time to catch up again measured.
 */
export async function rebuild(events: number): Promise<RebuildResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-rebuild-'));
  const env = { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000', RAISE_DISCREPANCIES: 'on' };
  try {
    const set = generateDataSet({ seed: 'bench-rebuild', events, batchSize: 1000 });
    let app = await AppProcess.start({ dataDir: dir, env });
    await runSetup(set, { baseUrl: app.url, adminKey: app.adminKey() });
    await app.stop();

    const stored = performance.now();
    const digester = new IdentifierDigester(Buffer.from(readFileSync(join(dir, 'pepper.key'), 'utf8').trim(), 'hex'));
    const store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    const now = new Date().toISOString();
    for (const batch of lifecycleBatches(set)) {
      const requests = storedEvents(set, batch, digester, now);
      if (store.appendAll) await store.appendAll(requests);
      else await store.appendMany(requests);
    }
    await store.close();
    const generateAndStoreSeconds = (performance.now() - stored) / 1000;

    const first = await startAndCatchUp(dir, env);
    app = first.app;
    await app.stop();
    // Everything but the event store (and the keys the ledger keeps beside it) is derived: delete the read store.
    for (const f of readdirSync(dir)) if (/^read\.db/.test(f)) rmSync(join(dir, f));
    if (existsSync(join(dir, 'read.db'))) throw new Error('read store still there');
    const again = await startAndCatchUp(dir, env);
    await again.app.stop();
    return {
      events, logEvents: again.head, generateAndStoreSeconds, firstStartSeconds: first.seconds, rebuildSeconds: again.seconds, rebuildStartSeconds: again.startSeconds,
      firstStartRssPeak: first.rssPeak, rebuildRssPeak: again.rssPeak, parked: again.parked,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const rebuildMeasurement: Measurement = {
  name: 'rebuild',
  figures: ['rebuild', 'rss-peak-1m'],
  async run({ quick }) {
    // The ledger writes ~2.3 learner events per credential on first start: 0.3 generated events per log event gives a log of about `log` events.
    const log = quick ? 15_000 : 1_000_000;
    const r = await rebuild(Math.round(log * 0.3));
    const size = `${r.logEvents} events in the log (${r.events} generated lifecycle events, 5 jurisdictions, + set-up and the ledger's learner events)${quick ? '; --quick: the full run uses ~1,000,000' : ''}`;
    const mb = (b: number) => b / 2 ** 20;
    return [
      figure({
        name: 'rebuild', value: r.rebuildSeconds, unit: 's', target: '<= 60 s',
        compare: { kind: 'baseline', label: 'first start (identity resolution writing learner events, then projecting)', value: r.firstStartSeconds, unit: 's', ratio: r.rebuildSeconds / r.firstStartSeconds },
        extra: { logEvents: r.logEvents, startSeconds: r.rebuildStartSeconds, eventsPerSecond: r.logEvents / r.rebuildSeconds, parked: r.parked, generateAndStoreSeconds: r.generateAndStoreSeconds },
        detail: `read store deleted, ledger started on the event store until every projection caught up (${Math.round(r.logEvents / r.rebuildSeconds)} events/s; start-up to /health ${r.rebuildStartSeconds.toFixed(1)} s of it); ${size}`,
      }),
      figure({
        name: quick ? 'rss-peak-rebuild' : 'rss-peak-1m', value: mb(Math.max(r.firstStartRssPeak, r.rebuildRssPeak)), unit: 'MB',
        extra: { firstStartMb: mb(r.firstStartRssPeak), rebuildMb: mb(r.rebuildRssPeak) },
        detail: `ledger process RSS while loading the log (first start ${Math.round(mb(r.firstStartRssPeak))} MB, rebuild ${Math.round(mb(r.rebuildRssPeak))} MB); ${size}`,
      }),
    ];
  },
};

if (require.main === module) {
  rebuild(Number(process.argv[2] ?? 20_000)).then((r) => console.log(JSON.stringify(r)), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
