import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AnyEvent, NewEvent } from '@app/contracts';
import { AppendRequest, EventStore, openEventStore } from '@app/event-store';

export interface PostgresBenchResult {
  events: number;
  avgRowBytes: number;
  ingest: { pg: number; rawCopy: number; sqlite: number };
  rebuild: { pg: number; rawSelect: number; sqlite: number };
}

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The PostgreSQL event store beside its limit, on the same ~1 KB CredentialIssued rows the
 * HTTP bench stores: ingest as the batch API appends them (appendMany, one new credential
 * stream per request, `batch` requests per call, `concurrency` callers), then PostgreSQL's own
 * COPY of the same rows into a table of the same shape, `batch` rows per transaction; rebuild
 * as the projections read the log (readAll pages of 1000) beside a bare SELECT of the same
 * pages. The SQLite adapter runs the same appends and reads for comparison.
 */
export async function postgresBench(options: { events: number; batch: number; concurrency: number }): Promise<PostgresBenchResult | { skipped: string }> {
  const url = process.env.DATABASE_URL ?? DEFAULT_URL;
  const admin = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    return { skipped: `PostgreSQL unreachable at ${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const schema = `bench_es_${randomBytes(6).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-pg-bench-'));
  try {
    const batches = Array.from({ length: Math.ceil(options.events / options.batch) }, (_, b) =>
      Array.from({ length: Math.min(options.batch, options.events - b * options.batch) }, (_, i) => credentialIssued(b * options.batch + i)));
    const pg = await openEventStore(`${url}${url.includes('?') ? '&' : '?'}schema=${schema}`) as unknown as EventStore<AnyEvent>;
    const sqlite = await openEventStore(`sqlite:${join(dir, 'events.db')}`) as unknown as EventStore<AnyEvent>;
    try {
      const ingest = { pg: await ingestInto(pg, batches, options.concurrency), sqlite: await ingestInto(sqlite, batches, options.concurrency), rawCopy: 0 };
      // The first scan after a bulk insert sets every row's hint bits (it writes pages): done once,
      // untimed, so the bare reads and the store's compare on the same warm table.
      await admin.query(`SELECT count(*) FROM "${schema}".events`);
      const rawRead = await rawSelect(admin, schema, options.events);
      const rebuild = { rawSelect: rawRead, pg: await rebuildFrom(pg, options.events), sqlite: await rebuildFrom(sqlite, options.events) };
      ingest.rawCopy = await rawCopy(admin, schema, options.batch);
      const [{ bytes }] = (await admin.query(`SELECT avg(octet_length(data::text) + octet_length(metadata::text))::int AS bytes FROM "${schema}".events`)).rows;
      return { events: options.events, avgRowBytes: bytes, ingest, rebuild };
    } finally {
      await Promise.all([pg.close(), sqlite.close()]);
    }
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ingestInto(store: EventStore<AnyEvent>, batches: AppendRequest<AnyEvent>[][], concurrency: number): Promise<number> {
  let next = 0;
  let events = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      for (const outcome of await store.appendMany(batch)) {
        if (!outcome.ok) throw outcome.error;
        events += outcome.result.positions.length;
      }
    }
  }));
  return events / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function rebuildFrom(store: EventStore<AnyEvent>, expected: number): Promise<number> {
  const started = process.hrtime.bigint();
  let read = 0;
  for (let after = 0; ;) {
    const page = await store.readAll({ after, maxCount: 1000 });
    if (page.length === 0) break;
    read += page.length;
    after = page[page.length - 1].position;
  }
  if (read !== expected) throw new Error(`rebuild read ${read} events, expected ${expected}`);
  return read / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The same pages as readAll, as bare rows: what reading costs without the adapter. */
async function rawSelect(client: Client, schema: string, expected: number): Promise<number> {
  const started = process.hrtime.bigint();
  let read = 0;
  for (let after = 0; ;) {
    const { rows } = await client.query(`SELECT position, stream_id, revision, type, data, metadata FROM "${schema}".events WHERE position > $1 ORDER BY position LIMIT 1000`, [after]);
    if (rows.length === 0) break;
    read += rows.length;
    after = Number(rows[rows.length - 1].position);
  }
  if (read !== expected) throw new Error(`raw select read ${read} rows, expected ${expected}`);
  return read / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The rows the store holds, COPYed into an empty table of the same shape, `perTransaction` rows per COPY (each its own transaction). */
async function rawCopy(client: Client, schema: string, perTransaction: number): Promise<number> {
  await client.query(`CREATE TABLE "${schema}".raw_events (LIKE "${schema}".events INCLUDING ALL)`);
  const { rows } = await client.query(`SELECT stream_id, revision, event_id, type, data::text AS data, metadata::text AS metadata FROM "${schema}".events ORDER BY position`);
  const lines = rows.map((r) => [r.stream_id, r.revision, r.event_id, r.type, r.data, r.metadata].map(copyText).join('\t') + '\n');
  const started = process.hrtime.bigint();
  for (let i = 0; i < lines.length; i += perTransaction) {
    await copyIn(client, `COPY "${schema}".raw_events (stream_id, revision, event_id, type, data, metadata) FROM STDIN`, Buffer.from(lines.slice(i, i + perTransaction).join('')));
  }
  return lines.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** A value in COPY's text format: backslash, tab and line breaks escaped. */
function copyText(value: unknown): string {
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/**
 * COPY ... FROM STDIN through pg's submittable hook (pg answers a CopyInResponse by handing
 * the connection to the active query): the data goes out as one CopyData message, then CopyDone.
 */
function copyIn(client: Client, sql: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed: unknown;
    type Connection = { query(text: string): void; sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void };
    const submittable = {
      submit: (connection: Connection) => connection.query(sql),
      handleCopyInResponse: (connection: Connection) => {
        connection.sendCopyFromChunk(data);
        connection.endCopyFrom();
      },
      handleCommandComplete: () => undefined,
      handleError: (error: unknown) => (failed = error),
      handleReadyForQuery: () => (failed ? reject(failed) : resolve()),
    };
    client.query(submittable as never);
  });
}

/** A CredentialIssued as the batch API stores it: digests, sealed personal data, full metadata (~1 KB). */
function credentialIssued(n: number): AppendRequest<AnyEvent> {
  const credentialId = randomUUID();
  const digest = (s: string) => createHash('sha256').update(s).digest('hex');
  const now = new Date().toISOString();
  const event: NewEvent<AnyEvent> = {
    type: 'CredentialIssued',
    data: {
      credentialId, credentialRef: `BENCH-${n}`, providerId: 'bench-university', achievementId: 'bench-achievement',
      holder: {
        identifierDigests: [
          { scheme: 'NZ-NSN', digest: digest(`nsn-${n}`) }, { scheme: 'EU-ESI', digest: digest(`esi-${n}`) }, { scheme: 'EMAIL', digest: digest(`mail-${n}`) },
        ],
        personal: { keyId: randomUUID(), alg: 'A256GCM', iv: randomBytes(12).toString('base64'), ciphertext: randomBytes(96).toString('base64'), tag: randomBytes(16).toString('base64') },
      },
      issuedAt: '2026-03-01T00:00:00Z', validUntil: '2031-03-01T00:00:00Z', grade: 'Merit',
    },
    metadata: {
      eventId: randomUUID(), actor: { role: 'provider', id: 'bench-university' }, jurisdiction: 'NZ', correlationId: randomUUID(),
      causationId: randomUUID(), channel: 'http', sourceEventId: `bench-${n}`, occurredAt: '2026-03-01T09:00:00Z', recordedAt: now,
      requestFingerprint: digest(`request-${n}`),
    },
  } as NewEvent<AnyEvent>;
  return { streamId: `credential-${credentialId}`, events: [event], expectedRevision: 'no-stream' };
}
