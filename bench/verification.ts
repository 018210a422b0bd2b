import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { credentialIdFor } from '@app/contracts';
import { AppProcess, freePort, setUpProvider } from '@app/testing';
import { benchItem } from './items';

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Answers other than the expected status (errors, timeouts, 429s): any makes the figure suspect. */
  unexpected: number;
}

export interface VerificationResult {
  credentials: number;
  loadSeconds: number;
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
}

/** autocannon against `paths` for `seconds`; latencies in ms. */
export async function load(options: LoadOptions): Promise<LoadFigures> {
  let i = 0;
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
    return await load({ url: `http://127.0.0.1:${port}`, paths: ['/'], connections, seconds });
  } finally {
    child.kill();
  }
}

/**
 * Verification under load: a fresh embedded ledger with `credentials` credentials issued through
 * the batch API, verified with a partner key (each request a different credential, spread over
 * the whole set), then /health, then a bare Node http server as the limit, each with autocannon
 * for `seconds`. Authentication, rate limiting (a limit high enough not to refuse), metrics and
 * the access log (LOG_LEVEL=info, to a file) stay on, as in production.
 */
export async function verificationBench(options: { credentials: number; connections?: number; seconds?: number; batch?: number }): Promise<VerificationResult> {
  const connections = options.connections ?? 100;
  const seconds = options.seconds ?? 10;
  const batch = options.batch ?? 1000;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-verify-'));
  const app = await AppProcess.start({ dataDir: dir, env: {
    LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '100000000',
    // As in production (the test harness turns signing off): checkpoints are signed as the log grows, so answers carry inclusion proofs.
    LEDGER_CHECKPOINT_EVERY: '10000', LEDGER_CHECKPOINT_INTERVAL_MS: '1000',
    // For a profile of the ledger under this load: BENCH_LEDGER_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
    ...(process.env.BENCH_LEDGER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_LEDGER_NODE_OPTIONS } : {}),
  } });
  try {
    const providerId = 'bench-verify';
    const { key, achievementId } = await setUpProvider(app, providerId);
    const admin = app.adminKey();
    const started = Date.now();
    let next = 0;
    const batches = Math.ceil(options.credentials / batch);
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < batches) {
          const b = next++;
          const items = Array.from({ length: Math.min(batch, options.credentials - b * batch) }, (_, i) => benchItem(b * batch + i, achievementId));
          const raw = JSON.stringify({ items });
          // Ingest is idempotent on sourceEventId, so a batch whose connection was reset (a pooled
          // keep-alive socket the server closed as it was reused) is simply sent again.
          const post = () => app.api('POST', `/v1/providers/${providerId}/events`, { key, raw });
          const res = await post().catch(post);
          if (res.status !== 207) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
        }
      }),
    );
    while ((await app.api('GET', '/v1/projections', { key: admin })).body.lag !== 0) await new Promise((r) => setTimeout(r, 200));
    const loadSeconds = (Date.now() - started) / 1000;

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
    const verification = await load({ url: app.url, headers, paths, connections, seconds });
    const health = await load({ url: app.url, paths: ['/health'], connections, seconds: Math.min(seconds, 5) });
    await app.stop();
    return { credentials: options.credentials, loadSeconds, inclusionProofs, verification, health, bareNode: await bareNode(connections, Math.min(seconds, 5)) };
  } finally {
    if (app.child.exitCode === null) await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
