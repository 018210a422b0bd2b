import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Principal } from '@app/auth';
import { buildMetadata, EventTypes, LedgerEvent, Streams } from '@app/contracts';
import { AppendRequest, openEventStore } from '@app/event-store';
import { AuditService } from '../apps/records/src/audit/audit.service';
import { NdjsonWriter } from '../apps/records/src/audit/ndjson-writer';

export interface AuditExportResult {
  events: number;
  bytes: number;
  seconds: number;
  /** RSS of the exporting process before the export, and its peak while exporting (bytes). */
  rssBefore: number;
  rssPeak: number;
}

/** A stored CredentialIssued of about 1 KB (digests, encrypted personal data), the size the targets assume. */
function event(n: number): AppendRequest {
  const credentialId = randomUUID();
  const digest = (s: string) => Buffer.from(s.padEnd(32, '0')).toString('hex').slice(0, 64);
  const data = {
    credentialId, credentialRef: `BENCH-${n}`, providerId: 'bench-university', achievementId: '6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b', issuedAt: '2026-03-01T00:00:00Z',
    holder: {
      identifierDigests: [{ scheme: 'NZ-NSN', digest: digest(`nsn${n}`) }, { scheme: 'EU-ESI', digest: digest(`esi${n}`) }, { scheme: 'EMAIL', digest: digest(`mail${n}`) }],
      personal: { keyId: randomUUID(), ciphertext: 'c'.repeat(220) },
    },
    validUntil: '2031-03-01T00:00:00Z', grade: 'Merit',
  };
  const metadata = buildMetadata({ actor: { role: 'provider', id: 'k_bench' }, channel: 'http', correlationId: randomUUID(), now: new Date().toISOString() },
    { eventId: randomUUID(), jurisdiction: 'NZ', sourceEventId: `bench-${n}`, occurredAt: '2026-03-01T09:00:00Z', requestFingerprint: 'f'.repeat(64) });
  return { streamId: Streams.credential(credentialId), expectedRevision: 'no-stream', events: [{ type: EventTypes.CredentialIssued, data, metadata } as unknown as LedgerEvent & { metadata: typeof metadata }] };
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/**
 * The admin's NDJSON export (GET /v1/audit/export) of `total` events, served by a separate
 * process through the same AuditService and NdjsonWriter as the app, read by this one over
 * HTTP; the server's RSS is sampled from /proc while it streams.
 */
export async function auditExport(total: number): Promise<AuditExportResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-export-'));
  try {
    const store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
    for (let n = 0; n < total; n += 1000) await store.appendMany(Array.from({ length: Math.min(1000, total - n) }, (_, i) => event(n + i)));
    await store.close();
    const child = fork(__filename, ['--serve', dir], { execArgv: ['-r', join(__dirname, '..', '..', 'deploy', 'register-paths.js')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
    await new Promise((r) => setTimeout(r, 500));
    const rssBefore = rssOf(child.pid!);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, rssOf(child.pid!)); }, 50);
    const started = process.hrtime.bigint();
    const res = await fetch(`http://127.0.0.1:${port}/v1/audit/export`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 0x0a) lines++;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    child.kill();
    return { events: lines, bytes, seconds, rssBefore, rssPeak };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function serve(dir: string): Promise<void> {
  const store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
  // The admin's export reads only the event store: no index, no projections.
  const audit = new AuditService(undefined as never, undefined as never, store);
  const admin: Principal = { keyId: 'bench', role: 'admin', scope: {} };
  const server = createServer((req, res) => {
    const out = new NdjsonWriter(res);
    audit.export(admin, out).then(() => out.end(), (error: unknown) => out.abort(error));
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as { port: number }).port));
}

if (process.argv[2] === '--serve') void serve(process.argv[3]);
else if (require.main === module) {
  const total = Number(process.argv[2] ?? 1_000_000);
  auditExport(total).then((r) => console.log(JSON.stringify(r)), (error: unknown) => { console.error(error); process.exit(1); });
}
