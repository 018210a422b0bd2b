import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppProcess, ed25519KeyPair, setUpProvider, signBody } from '@app/testing';
import { benchItem } from './items';
import { rawSqliteAppend } from './raw-sqlite';

/**
 * How the ledger runs for the load:
 * - `ledger`: the default `npm start`, every context and its projections in one process;
 * - `providers-alone`: only the providers app, on the same embedded files: the request path's
 *   own ceiling, with no projection of records or quality assurance sharing its thread;
 * - `apps-sharing-sqlite`: the three apps as three processes on the same SQLite files, so the
 *   projections run on the other core (writers then take turns at SQLite's file lock).
 */
export type IngestTopology = 'ledger' | 'providers-alone' | 'apps-sharing-sqlite';

export interface HttpIngestResult {
  topology: IngestTopology;
  accepted: number;
  eventsPerSecond: number;
  /** From the first request to the last answer. */
  loadSeconds: number;
  caughtUpMs: number;
  itemBytes: number;
  /** Every row the ledger stored, appended raw into fresh files. */
  raw?: ReturnType<typeof rawSqliteAppend>;
  /** Only the CredentialIssued rows (what an answer waits for), appended raw into fresh files. */
  rawIssued?: ReturnType<typeof rawSqliteAppend>;
}

/** How long to wait for the projections after the load: a full run's backlog (~1.2M events to project) takes minutes here. */
export const catchUpWaitMs = (total: number): number => Math.max(120_000, Math.min(900_000, total * 4));

/**
 * Batches of 1,000 through POST /v1/providers/{id}/events, several clients at once, on a fresh
 * embedded ledger; then, unless `catchUp` is false, the time until the projections reach the head.
 */
export async function httpIngest(options: { total: number; batch: number; concurrency: number; signed: boolean; measureRaw: boolean; topology?: IngestTopology; catchUp?: boolean }): Promise<HttpIngestResult> {
  const topology = options.topology ?? 'ledger';
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  const env = { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' };
  const apps = topology === 'ledger' ? [await AppProcess.start({ dataDir: dir, env })] : await startApps(dir, topology, env);
  // Batches go to the first: the ledger, or the providers app; lag is read from the last: the ledger, or records.
  const app = apps[0];
  const reader = apps[apps.length - 1];
  try {
    const providerId = 'bench-university';
    const { key, achievementId } = await setUpProvider(app, providerId);
    const admin = app.adminKey();
    const signer = ed25519KeyPair();
    if (options.signed) {
      await app.api('POST', `/v1/providers/${providerId}/signing-keys`, { key, body: { keyId: 'bench', publicKeyJwk: signer.publicKeyJwk } });
      await app.api('PUT', `/v1/providers/${providerId}/signing-policy`, { key, body: { requireSignedBatches: true } });
    }
    // Bodies (and their signatures, as a provider would sign them) are prepared before the clock starts.
    const bodies = Array.from({ length: options.total / options.batch }, (_, b) =>
      JSON.stringify({ items: Array.from({ length: options.batch }, (_, i) => benchItem(b * options.batch + i, achievementId)) }),
    );
    const headers = bodies.map((body): Record<string, string> => (options.signed ? { 'ledger-signature-key-id': 'bench', 'ledger-signature': signBody(body, signer.privateKey) } : {}));
    const post = async (i: number, attempt = 1): Promise<number> => {
      let res;
      try {
        res = await app.api('POST', `/v1/providers/${providerId}/events`, { key, raw: bodies[i], headers: headers[i] });
      } catch (error) {
        // A kept-alive connection the server closed as the next request went out (its 5 s idle
        // timer fires late on a busy event loop): sent again, as a client would; a resend is
        // deduplicated, so what it finds already stored counts as accepted.
        if (attempt < 3 && (error as { cause?: { code?: string } }).cause?.code === 'ECONNRESET') return post(i, attempt + 1);
        throw error;
      }
      if (res.status !== 207) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
      return (res.body.summary.accepted + (attempt > 1 ? res.body.summary.duplicate : 0)) as number;
    };

    const started = process.hrtime.bigint();
    let next = 0;
    let accepted = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < bodies.length) {
          const n = await post(next++);
          accepted += n;
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const loadStopped = Date.now();
    let caughtUpMs = -1;
    // Alone, the providers app runs only its own projections: nothing else to wait for.
    // Waited for in full: the raw limit below appends every row the ledger stored, learner events included.
    const wait = catchUpWaitMs(options.total);
    while (options.catchUp !== false && topology !== 'providers-alone' && Date.now() - loadStopped < wait) {
      if ((await reader.api('GET', '/v1/projections', { key: admin })).body.lag === 0) {
        caughtUpMs = Date.now() - loadStopped;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all(apps.map((a) => a.stop()));
    return {
      topology,
      accepted,
      eventsPerSecond: accepted / seconds,
      loadSeconds: seconds,
      caughtUpMs,
      itemBytes: Math.round(bodies[0].length / options.batch),
      raw: options.measureRaw ? rawSqliteAppend(join(dir, 'events.db'), options.batch) : undefined,
      rawIssued: options.measureRaw ? rawSqliteAppend(join(dir, 'events.db'), options.batch, 'CredentialIssued') : undefined,
    };
  } finally {
    await Promise.all(apps.filter((a) => a.child.exitCode === null).map((a) => a.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The apps of a split topology on one set of embedded files (one event store, one read store), each with its own data dir for keys and logs. */
async function startApps(dir: string, topology: Exclude<IngestTopology, 'ledger'>, base: Record<string, string>): Promise<AppProcess[]> {
  const env = { ...base, EVENT_STORE: `sqlite:${join(dir, 'events.db')}`, READ_STORE: `sqlite:${join(dir, 'read.db')}`, LEDGER_PEPPER: randomBytes(32).toString('hex') };
  const names = topology === 'providers-alone' ? ['providers'] : ['providers', 'quality-assurance', 'records'];
  for (const name of names) mkdirSync(join(dir, name));
  // The providers app hosts the admin routes and writes admin.key: started first, the others beside it.
  const [providers] = [await AppProcess.start({ app: 'providers', dataDir: join(dir, 'providers'), env })];
  const others = await Promise.all(names.slice(1).map((name) => AppProcess.start({ app: name, dataDir: join(dir, name), env })));
  return [providers, ...others];
}
