import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildMetadata, credentialIdFor, eventIdFor, Streams } from '@app/contracts';
import { AppendRequest, openEventStore } from '@app/event-store';
import { IdentifierDigester } from '@app/personal-data';
import { AppProcess, freePort, setUpProvider } from '@app/testing';
import { benchItem } from './items';

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Answers other than the expected status (errors, timeouts, 429s): any makes the figure suspect. */
  unexpected: number;
  /**
   * CPU time the server process spent per answer (user + system, from /proc), when its pid is
   * known: unlike req/s, hardly moved by other processes competing for the cores.
   */
  cpuMsPerRequest?: number;
}

export interface VerificationResult {
  credentials: number;
  /** How the credentials were issued: the batch API, or appended through the event store port and projected at start. */
  seeded: 'http' | 'event-store';
  /** Seeding and projecting, until every projection had caught up. */
  loadSeconds: number;
  /** RSS of the ledger process after the verification load, bytes. */
  rssAfterLoad: number;
  /** Whether the answers measured carried inclusion proofs (a signed checkpoint covered the credentials). */
  inclusionProofs: boolean;
  verification: LoadFigures;
  health: LoadFigures;
  bareNode: LoadFigures;
}

interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** One path per request, cycled through: every request verifies a different credential. */
  paths: string[];
  connections: number;
  seconds: number;
  /** The server's pid, for cpuMsPerRequest. */
  pid?: number;
}

/** CPU time of a process so far, ms (Linux /proc; undefined elsewhere). */
function cpuMs(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks of 10 ms.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const rssOf = (pid: number): number => {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
  } catch {
    return 0;
  }
};

/** autocannon against `paths` for `seconds`; latencies in ms. */
export async function load(options: LoadOptions): Promise<LoadFigures> {
  let i = 0;
  const cpuBefore = options.pid === undefined ? undefined : cpuMs(options.pid);
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: options.paths[i++ % options.paths.length] }) }],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    unexpected: result.non2xx + result.errors + result.timeouts,
    ...(cpuBefore !== undefined && result.requests.total > 0 ? { cpuMsPerRequest: (cpuMs(options.pid!)! - cpuBefore) / result.requests.total } : {}),
  };
}

/**
 * The machine's limit for a small JSON answer: Node's own http server and nothing else, in a
 * process of its own like the ledger (sharing autocannon's event loop would halve it).
 */
async function bareNode(connections: number, seconds: number): Promise<LoadFigures> {
  const port = await freePort();
  const server = `const body = JSON.stringify({ status: 'ok' });
    require('node:http').createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    }).listen(${port}, '127.0.0.1', () => process.stdout.write('listening'));`;
  const child = spawn(process.execPath, ['-e', server], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`bare node server exited with ${code}`)));
    });
    return await load({ url: `http://127.0.0.1:${port}`, paths: ['/'], connections, seconds, pid: child.pid });
  } finally {
    child.kill();
  }
}

/** Above this many credentials the bench appends them straight into the event store: through HTTP ingest 1,000,000 would take far too long. */
export const HTTP_SEED_LIMIT = 20_000;

export interface SeedOptions {
  credentials: number;
  /** HTTP ingest batch size. */
  batch: number;
  /** How long the ledger may take to project a log seeded through the event store. */
  catchUpMinutes: number;
}

const ENV = {
  LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '100000000',
  // As in production (the test harness turns signing off): checkpoints are signed as the log grows, so answers carry inclusion proofs.
  LEDGER_CHECKPOINT_EVERY: '10000', LEDGER_CHECKPOINT_INTERVAL_MS: '1000',
  // For a profile of the ledger under this load: BENCH_LEDGER_NODE_OPTIONS='--require <a script starting the inspector profiler>'.
  ...(process.env.BENCH_LEDGER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_LEDGER_NODE_OPTIONS } : {}),
};

/** Waits until every projection has reached the log head; false past `deadline`. */
async function caughtUp(app: AppProcess, deadline: number): Promise<boolean> {
  const admin = app.adminKey();
  while ((await app.api('GET', '/v1/projections', { key: admin })).body.lag !== 0) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}

/** Issues `credentials` through the batch API, 4 requests in flight. */
async function seedOverHttp(app: AppProcess, providerId: string, key: string, achievementId: string, { credentials, batch }: SeedOptions): Promise<void> {
  let next = 0;
  const batches = Math.ceil(credentials / batch);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < batches) {
        const b = next++;
        const items = Array.from({ length: Math.min(batch, credentials - b * batch) }, (_, i) => benchItem(b * batch + i, achievementId));
        const raw = JSON.stringify({ items });
        // Ingest is idempotent on sourceEventId, so a batch whose connection was reset (a pooled
        // keep-alive socket the server closed as it was reused) is simply sent again.
        const post = () => app.api('POST', `/v1/providers/${providerId}/events`, { key, raw });
        const res = await post().catch(post);
        if (res.status !== 207) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
      }
    }),
  );
}

/** Holders of the credentials appended through the event store: learners hold several, and each new learner costs identity resolution five events at start. */
const CREDENTIALS_PER_LEARNER = 10;

/**
 * The same CredentialIssued events ingest would store (stream, event id, data, metadata,
 * identifier digests under the ledger's pepper), appended through the event store port while
 * the ledger is stopped, 1000 streams per call; CREDENTIALS_PER_LEARNER credentials per holder.
 */
async function seedThroughEventStore(dir: string, providerId: string, achievementId: string, credentials: number): Promise<void> {
  const digester = new IdentifierDigester(Buffer.from(readFileSync(join(dir, 'pepper.key'), 'utf8').trim(), 'hex'));
  const store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
  try {
    const now = new Date().toISOString();
    const ctx = { actor: { role: 'provider' as const, id: `bench-${providerId}` }, channel: 'http' as const, correlationId: randomUUID(), now };
    for (let first = 0; first < credentials; first += 1000) {
      const requests = Array.from({ length: Math.min(1000, credentials - first) }, (_, i) => {
        const item = benchItem(first + i, achievementId);
        const { credentialRef, ...rest } = item.data;
        const { holder } = benchItem(Math.floor((first + i) / CREDENTIALS_PER_LEARNER), achievementId).data;
        const credentialId = credentialIdFor(providerId, credentialRef);
        const data = { ...rest, credentialId, credentialRef, providerId, holder: { identifierDigests: holder.identifiers.map((id) => digester.digest(id.scheme, id.value)) } };
        const metadata = buildMetadata(ctx, { eventId: eventIdFor(providerId, item.sourceEventId), jurisdiction: 'NZ', sourceEventId: item.sourceEventId, occurredAt: item.occurredAt });
        return { streamId: Streams.credential(credentialId), expectedRevision: 'no-stream' as const, events: [{ type: item.type, data, metadata }] } as unknown as AppendRequest;
      });
      if (store.appendAll) await store.appendAll(requests);
      else await store.appendMany(requests);
    }
  } finally {
    await store.close();
  }
}

/**
 * A fresh embedded ledger holding `credentials` issued credentials of one provider, projected:
 * through the batch API up to HTTP_SEED_LIMIT, beyond it appended through the event store port
 * with the ledger stopped, then the ledger started again until its projections caught up.
 */
async function seededLedger(dir: string, providerId: string, options: SeedOptions): Promise<{ app: AppProcess; seeded: 'http' | 'event-store' }> {
  let app = await AppProcess.start({ dataDir: dir, env: ENV });
  try {
    const { key, achievementId } = await setUpProvider(app, providerId);
    if (options.credentials <= HTTP_SEED_LIMIT) {
      await seedOverHttp(app, providerId, key, achievementId, options);
      if (!(await caughtUp(app, Date.now() + options.catchUpMinutes * 60_000))) throw new Error('projections did not catch up');
      return { app, seeded: 'http' };
    }
    await caughtUp(app, Date.now() + 60_000);
    await app.stop();
    await seedThroughEventStore(dir, providerId, achievementId, options.credentials);
    app = await AppProcess.start({ dataDir: dir, env: ENV });
    if (!(await caughtUp(app, Date.now() + options.catchUpMinutes * 60_000))) {
      const status = (await app.api('GET', '/v1/projections', { key: app.adminKey() })).body;
      throw new Error(`${options.credentials} credentials appended, but the ledger had not projected them after ${options.catchUpMinutes} minutes (lag ${status.lag} of head ${status.head}); try a smaller --verification-credentials`);
    }
    return { app, seeded: 'event-store' };
  } catch (error) {
    if (app.child.exitCode === null) await app.stop();
    throw error;
  }
}

/**
 * Verification under load: a fresh embedded ledger with `credentials` credentials (seededLedger),
 * verified with a partner key (each request a different credential, spread over the whole set),
 * then /health, then a bare Node http server as the limit, each with autocannon for `seconds`.
 * Authentication, rate limiting (a limit high enough not to refuse), metrics and the access log
 * (LOG_LEVEL=info, to a file) stay on, as in production.
 */
export async function verificationBench(options: { credentials: number; connections?: number; seconds?: number; batch?: number; catchUpMinutes?: number }): Promise<VerificationResult> {
  const connections = options.connections ?? 100;
  const seconds = options.seconds ?? 10;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-verify-'));
  const providerId = 'bench-verify';
  const started = Date.now();
  const { app, seeded } = await seededLedger(dir, providerId, { credentials: options.credentials, batch: options.batch ?? 1000, catchUpMinutes: options.catchUpMinutes ?? 30 }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  try {
    const loadSeconds = (Date.now() - started) / 1000;
    const admin = app.adminKey();

    // A relying party verifies with a partner key; partner keys name a registered partner.
    const partner = { partnerId: 'bench-relying-party', name: 'Bench relying party', scope: { jurisdictions: ['NZ'], eventKinds: ['credential.issued'], purposes: ['employment-verification'] }, deliveries: { kafka: false } };
    const registered = await app.api('POST', '/v1/partners', { key: admin, body: partner });
    if (registered.status !== 201) throw new Error(`partner: ${registered.status} ${JSON.stringify(registered.body)}`);
    const verifier = await app.api('POST', '/v1/api-keys', { key: admin, body: { role: 'partner', scope: { partnerId: partner.partnerId } } });
    if (verifier.status !== 201) throw new Error(`verifier key: ${verifier.status} ${JSON.stringify(verifier.body)}`);
    // A spread of credentials across the whole set, so the read is not one hot row.
    const sample = Math.min(options.credentials, 10_000);
    const paths = Array.from({ length: sample }, (_, i) => {
      const n = Math.floor((i * options.credentials) / sample);
      return `/v1/credentials/${credentialIdFor(providerId, `BENCH-${n}`)}/verification`;
    });
    // Once a signed checkpoint covers the last credential, every answer carries its inclusion proof.
    const probe = () => app.api('GET', paths[paths.length - 1], { key: verifier.body.apiKey });
    let answer = await probe();
    for (const until = Date.now() + 60_000; answer.body?.inclusionProof == null && Date.now() < until; answer = await probe()) await new Promise((r) => setTimeout(r, 500));
    if (answer.status !== 200 || answer.body.valid !== true) throw new Error(`verification probe: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    const inclusionProofs = answer.body.inclusionProof != null;
    const headers = { authorization: `Bearer ${verifier.body.apiKey}` };
    // A short warm-up so the JIT and the page cache are not part of the figure.
    await load({ url: app.url, headers, paths, connections, seconds: 2 });
    const verification = await load({ url: app.url, headers, paths, connections, seconds, pid: app.child.pid });
    const rssAfterLoad = rssOf(app.child.pid!);
    const health = await load({ url: app.url, paths: ['/health'], connections, seconds: Math.min(seconds, 5), pid: app.child.pid });
    await app.stop();
    return { credentials: options.credentials, seeded, loadSeconds, rssAfterLoad, inclusionProofs, verification, health, bareNode: await bareNode(connections, Math.min(seconds, 5)) };
  } finally {
    if (app.child.exitCode === null) await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
