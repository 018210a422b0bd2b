import { Client } from 'pg';
import { AnyEvent } from '@app/contracts';
import { openReadStore } from '@app/read-store';
import { eventStoreContract, eventually, raceWritersAgainstSubscriber, testEvent, uniqueName } from '@app/testing';
import { EventStore } from '../../event-store.port';
import { MIGRATIONS } from './migrations';
import { PostgresEventStore } from './postgres-event-store';

const url = process.env.DATABASE_URL;
// `npm run test:race` sets 100: the long tier. The default suite runs a few.
const RACE_RUNS = Number(process.env.LEDGER_RACE_RUNS ?? 3);

if (!url) {
  console.warn('PostgreSQL event-store suite skipped: DATABASE_URL is not set and no PostgreSQL was found (see test/engines.global-setup.ts)');
  describe.skip('EventStore contract: postgres (no engine)', () => it('needs DATABASE_URL', () => undefined));
} else {
  // Every schema this run creates is dropped afterwards, so runs never see each other.
  const schemas: string[] = [];
  const freshSchema = () => {
    const name = uniqueName('es_test_');
    schemas.push(name);
    return name;
  };
  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  afterAll(() => admin(async (client) => {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }));

  const contractSchema = freshSchema();
  eventStoreContract('postgres', () => PostgresEventStore.connect(url, { schema: contractSchema, pollIntervalMs: 200 }));

  describe('PostgresEventStore', () => {
    describe('when transactions commit out of position order (the hazard, on raw tables)', () => {
      it('lets a reader see a higher position before a lower one', async () => {
        // Why appends take a lock: a sequence alone hands out 1 then 2, and 2 may commit first.
        const schema = freshSchema();
        await admin((c) => c.query(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".log (position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text)`));
        const [first, second, reader] = [new Client({ connectionString: url }), new Client({ connectionString: url }), new Client({ connectionString: url })];
        await Promise.all([first.connect(), second.connect(), reader.connect()]);
        try {
          await first.query(`BEGIN; INSERT INTO "${schema}".log (v) VALUES ('first')`);
          await second.query(`BEGIN; INSERT INTO "${schema}".log (v) VALUES ('second'); COMMIT`);
          const seen = (await reader.query(`SELECT position::int AS p FROM "${schema}".log ORDER BY position`)).rows.map((r) => r.p);
          await first.query('COMMIT');
          expect(seen).toEqual([2]);
        } finally {
          await Promise.all([first.end(), second.end(), reader.end()]);
        }
      });
    });

    describe(`when several writers race a subscriber (${RACE_RUNS} runs)`, () => {
      it('delivers every committed event exactly once, in position order (global order)', async () => {
        const schema = freshSchema();
        const open = () => PostgresEventStore.connect(url, { schema, maxConnections: 4, pollIntervalMs: 200 });
        for (let run = 1; run <= RACE_RUNS; run++) {
          const report = await raceWritersAgainstSubscriber(open, { writers: 4, appendsPerWriter: 24 });
          if (report.problems.length > 0) throw new Error(`run ${run}: ${report.problems.join('; ')}`);
          expect(report.delivered).toBe(report.committed);
        }
      }, 60_000 + RACE_RUNS * 15_000);
    });

    describe('when another process appends', () => {
      it('wakes a subscriber through LISTEN/NOTIFY, long before its poll interval', async () => {
        const schema = freshSchema();
        const reader = await PostgresEventStore.connect(url, { schema, pollIntervalMs: 600_000 });
        const writer = await PostgresEventStore.connect(url, { schema });
        const seen: string[] = [];
        const sub = reader.subscribeToAll(await reader.headPosition(), async (batch) => {
          seen.push(...batch.map((e) => e.type));
        });
        try {
          // The first read (at subscribe) finds nothing; only a notification can bring the next one.
          await new Promise((r) => setTimeout(r, 500));
          await writer.append({ streamId: uniqueName('n-'), events: [testEvent('Notified')], expectedRevision: 'no-stream' });
          await eventually(() => seen.includes('Notified'), 10_000, 'notified delivery');
        } finally {
          await sub.stop();
          await Promise.all([reader.close(), writer.close()]);
        }
      });
    });

    describe('when two processes migrate one fresh schema at once, beside a read store', () => {
      it('applies each migration once, in its own table', async () => {
        const schema = freshSchema();
        const [a, b] = await Promise.all([PostgresEventStore.connect(url, { schema }), PostgresEventStore.connect(url, { schema })]);
        const read = await openReadStore(`${url}${url.includes('?') ? '&' : '?'}schema=${schema}`);
        try {
          await a.append({ streamId: 'shared-schema', events: [testEvent('A')], expectedRevision: 'no-stream' });
          expect(await b.readStream('shared-schema')).toHaveLength(1);
          const versions = await admin(async (c) => (await c.query(`SELECT version FROM "${schema}".event_store_migrations ORDER BY version`)).rows);
          expect(versions.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
          await read.transaction((tx) => tx.setCheckpoint('p', 1));
          expect(await read.getCheckpoint('p')).toBe(1);
        } finally {
          await Promise.all([a.close(), b.close(), read.close()]);
        }
      });
    });

    describe('when opened through the factory URL', () => {
      it('uses the schema the URL names', async () => {
        const { openEventStore } = await import('../../event-store.factory');
        const schema = freshSchema();
        const store = (await openEventStore(`${url}${url.includes('?') ? '&' : '?'}schema=${schema}`)) as unknown as EventStore<AnyEvent>;
        try {
          await store.append({ streamId: 'f', events: [testEvent('A')], expectedRevision: 'no-stream' });
          const count = await admin(async (c) => (await c.query(`SELECT count(*)::int AS n FROM "${schema}".events`)).rows[0].n);
          expect(count).toBe(1);
        } finally {
          await store.close();
        }
      });
    });

    describe('when the server cannot be reached', () => {
      it('fails with a retriable EVENT_STORE.UNAVAILABLE', async () => {
        await expect(PostgresEventStore.connect('postgres://postgres@127.0.0.1:1/test', { connectTimeoutMs: 2000 })).rejects.toMatchObject({
          code: 'EVENT_STORE.UNAVAILABLE',
          retriable: true,
        });
      });
    });

    describe('when the schema name is not an identifier', () => {
      it('refuses it before connecting', async () => {
        await expect(PostgresEventStore.connect(url, { schema: 'x"; DROP' })).rejects.toMatchObject({ code: 'EVENT_STORE.INVALID_SCHEMA' });
      });
    });
  });
}
