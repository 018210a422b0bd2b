import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { Client } from 'pg';
import { AppendRequest, openEventStore } from '@app/event-store';
import { IdentifierDigester } from '@app/personal-data';
import { generateDataSet, lifecycleBatches, storedEvents } from '@app/testing';
import { compared, figure, Measurement, skipped } from './measurement';

const DATABASE = 'ledger_bench_emmett';
const CONCURRENCY = 8;

export interface EmmettResult {
  events: number;
  appendPerSecond: number;
  readPerSecond: number;
  /** The same events through the ledger's own EventStore port on SQLite (appendAll, 1,000 per call). */
  ledgerSqliteAppendPerSecond: number;
  ledgerSqliteReadPerSecond: number;
}

/** `events` generated lifecycle events as the ledger stores them (data + metadata), one credential stream each mostly. */
function sampleEvents(events: number): AppendRequest[] {
  const set = generateDataSet({ seed: 'bench-emmett', events, batchSize: 1000 });
  const digester = new IdentifierDigester(Buffer.alloc(32, 7));
  const now = new Date().toISOString();
  const out: AppendRequest[] = [];
  for (const batch of lifecycleBatches(set)) out.push(...storedEvents(set, batch, digester, now));
  return out;
}

async function pool<T>(items: T[], concurrency: number, each: (item: T) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await each(items[next++]);
  }));
  return (performance.now() - started) / 1000;
}

/**
 * Emmett's PostgreSQL event store (the peer) appending and reading the same events the
 * ledger stores, in a database of its own on the machine's PostgreSQL (DATABASE_URL):
 * one append per event (Emmett appends one stream per call), CONCURRENCY at a time, then every
 * stream read back. Beside it, the ledger's SQLite event store through its port.
 */
export async function emmettPeer(events: number, databaseUrl: string): Promise<EmmettResult> {
  const requests = sampleEvents(events);
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${DATABASE}`;
    const store = getPostgreSQLEventStore(url.toString());
    try {
      await store.schema.migrate();
      // One stream's events in order (Emmett refuses two appends racing on one stream), streams concurrently.
      const byStream = new Map<string, AppendRequest[]>();
      for (const r of requests) byStream.set(r.streamId, [...(byStream.get(r.streamId) ?? []), r]);
      const streams = [...byStream.keys()];
      const appendSeconds = await pool(streams, CONCURRENCY, async (s) => {
        for (const r of byStream.get(s)!) {
          await store.appendToStream(r.streamId, r.events.map((e) => ({ type: e.type, data: e.data as unknown as Record<string, unknown>, metadata: e.metadata as unknown as Record<string, unknown> })));
        }
      });
      let read = 0;
      const readSeconds = await pool(streams, CONCURRENCY, async (s) => {
        const { events: found } = await store.readStream(s);
        read += found.length;
      });
      if (read !== requests.length) throw new Error(`read ${read} of ${requests.length} events back`);
      const ledger = await ledgerSqlite(requests, streams);
      return { events: requests.length, appendPerSecond: requests.length / appendSeconds, readPerSecond: read / readSeconds, ...ledger };
    } finally {
      await store.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`).catch(() => undefined);
    await admin.end();
  }
}

async function ledgerSqlite(requests: AppendRequest[], streams: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-peer-'));
  const store = await openEventStore(`sqlite:${join(dir, 'events.db')}`);
  try {
    let started = performance.now();
    for (let i = 0; i < requests.length; i += 1000) await store.appendAll!(requests.slice(i, i + 1000));
    const append = (performance.now() - started) / 1000;
    started = performance.now();
    let read = 0;
    for (let i = 0; i < streams.length; i += 100) for (const events of (await store.readStreams(streams.slice(i, i + 100))).values()) read += events.length;
    const readSeconds = (performance.now() - started) / 1000;
    return { ledgerSqliteAppendPerSecond: requests.length / append, ledgerSqliteReadPerSecond: read / readSeconds };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const emmettMeasurement: Measurement = {
  name: 'emmett',
  figures: ['emmett-postgresql-append', 'emmett-postgresql-read'],
  async run({ quick }) {
    const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const events = quick ? 2_000 : 100_000;
    let r: EmmettResult;
    try {
      r = await emmettPeer(events, url);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '28P01' || code === '3D000') {
        const reason = `no PostgreSQL at ${new URL(url).host} (${code}); set DATABASE_URL`;
        return [skipped('emmett-postgresql-append', 'events/s', reason), skipped('emmett-postgresql-read', 'events/s', reason)];
      }
      throw error;
    }
    const how = `${r.events} generated lifecycle events (~1 KB stored data+metadata), Emmett 0.42 on the machine's PostgreSQL, one stream per credential, ${CONCURRENCY} concurrent calls`;
    return [
      figure({ name: 'emmett-postgresql-append', value: r.appendPerSecond, unit: 'events/s', compare: compared('baseline', 'ledger sqlite event store, appendAll of 1000', r.ledgerSqliteAppendPerSecond, 'events/s', r.appendPerSecond), detail: `${how}; one append per stream as Emmett's API takes them` }),
      figure({ name: 'emmett-postgresql-read', value: r.readPerSecond, unit: 'events/s', compare: compared('baseline', 'ledger sqlite event store, readStreams', r.ledgerSqliteReadPerSecond, 'events/s', r.readPerSecond), detail: `${how}; every stream read back` }),
    ];
  },
};

if (require.main === module) {
  emmettPeer(Number(process.argv[2] ?? 5000), process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test').then((r) => console.log(JSON.stringify(r)), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
