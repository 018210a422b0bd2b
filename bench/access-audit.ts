import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, eventually, issueItem, setUpProvider } from '@app/testing';

export interface AccessAuditResult {
  reads: number;
  audited: { perSecond: number; p50: number; p99: number };
  unaudited: { perSecond: number; p50: number; p99: number };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** `reads` GETs of one learner record with `key`, `concurrency` at a time: throughput and latency (ms). */
async function round(app: AppProcess, path: string, key: string, headers: Record<string, string>, reads: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < reads) {
      next++;
      const t = performance.now();
      const res = await app.api('GET', path, { key, headers });
      if (res.status !== 200) throw new Error(`record read: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: reads / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/**
 * What the access audit costs a read: the same learner record read by an admin (recorded as
 * LearnerRecordAccessed, with a Ledger-Purpose) and by the learner's own key (not recorded:
 * a learner reading their own data), in alternating rounds on one running ledger, so the
 * only difference is the audit (and the key's scope check). Medians of the rounds.
 */
export async function accessAuditOverhead(reads: number, rounds = 3, concurrency = 8): Promise<AccessAuditResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-access-'));
  const app = await AppProcess.start({ dataDir: dir, env: { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' } });
  try {
    const admin = app.adminKey();
    const { key, achievementId } = await setUpProvider(app, 'bench-access');
    const res = await app.api('POST', '/v1/providers/bench-access/events', { key, body: { items: [issueItem('bench-access-1', 'BA-1', achievementId, '123456789')] } });
    if (res.status !== 207) throw new Error(`issue: ${res.status}`);
    const lookup = async () => (await app.api('POST', '/v1/learners/lookup', { key: admin, body: { identifiers: [{ scheme: 'NZ-NSN', value: '123456789' }] } })).body.learners ?? [];
    await eventually(async () => (await lookup()).length === 1, 15_000, 'identity resolution');
    const [{ learnerId }] = await lookup();
    const learnerKey = (await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'learner', scope: { learnerId } } })).body.apiKey as string;
    const path = `/v1/learners/${learnerId}/record`;
    const audited = { key: admin, headers: { 'Ledger-Purpose': 'verification' } };
    const own = { key: learnerKey, headers: {} };
    await round(app, path, audited.key, audited.headers, 200, concurrency);
    await round(app, path, own.key, own.headers, 200, concurrency);
    const a: Awaited<ReturnType<typeof round>>[] = [];
    const u: Awaited<ReturnType<typeof round>>[] = [];
    for (let i = 0; i < rounds; i++) {
      a.push(await round(app, path, audited.key, audited.headers, reads, concurrency));
      u.push(await round(app, path, own.key, own.headers, reads, concurrency));
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const summary = (rs: typeof a) => ({ perSecond: median(rs.map((r) => r.perSecond)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)) });
    return { reads, audited: summary(a), unaudited: summary(u) };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
