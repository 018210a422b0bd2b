import { Client } from 'pg';
import { readStoreContract, uniqueName } from '@app/testing';
import { MIGRATIONS } from './migrations';
import { PostgresReadStore } from './postgres-read-store';

const url = process.env.DATABASE_URL;

if (!url) {
  console.warn('PostgreSQL read-store suite skipped: DATABASE_URL is not set and no PostgreSQL was found (see test/engines.global-setup.ts)');
  describe.skip('ReadStore contract: postgres (no engine)', () => it('needs DATABASE_URL', () => undefined));
} else {
  // Every schema this run creates is dropped afterwards, so runs never see each other.
  const schemas: string[] = [];
  const freshSchema = () => {
    const name = uniqueName('rs_test_');
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
  readStoreContract('postgres', () => PostgresReadStore.connect(url, { schema: contractSchema }));

  describe('PostgresReadStore', () => {
    describe('when two processes migrate one fresh schema at once', () => {
      it('starts both, applying each migration once', async () => {
        const schema = freshSchema();
        const [a, b] = await Promise.all([PostgresReadStore.connect(url, { schema }), PostgresReadStore.connect(url, { schema })]);
        try {
          await a.transaction((tx) => tx.setCheckpoint('race', 1));
          expect(await b.getCheckpoint('race')).toBe(1);
          const versions = await admin(async (c) => (await c.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`)).rows);
          expect(versions.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
        } finally {
          await Promise.all([a.close(), b.close()]);
        }
      });
    });

    describe('when two processes feed the same projection', () => {
      it('makes the second wait for the first one\'s checkpoint', async () => {
        const schema = freshSchema();
        const [a, b] = [await PostgresReadStore.connect(url, { schema }), await PostgresReadStore.connect(url, { schema })];
        try {
          let release!: () => void;
          const held = new Promise<void>((r) => (release = r));
          let locked!: () => void;
          const lockTaken = new Promise<void>((r) => (locked = r));
          const first = a.transaction(async (tx) => {
            await tx.getCheckpoint('p');
            locked();
            await held;
            await tx.setCheckpoint('p', 10);
          });
          await lockTaken;
          const second = b.transaction((tx) => tx.getCheckpoint('p'));
          let answered = false;
          void second.then(() => (answered = true));
          await new Promise((r) => setTimeout(r, 300));
          expect(answered).toBe(false);
          release();
          await first;
          expect(await second).toBe(10);
        } finally {
          await Promise.all([a.close(), b.close()]);
        }
      });
    });

    describe('when ids differ in case', () => {
      it('orders and pages them bytewise, whatever the server locale', async () => {
        const store = await PostgresReadStore.connect(url, { schema: freshSchema() });
        try {
          await store.transaction(async (tx) => {
            for (const id of ['b', 'B', 'a', 'A', '_']) await tx.put('c', id, { id, kind: 'k' });
          });
          const ids = (docs: { id: string }[]) => docs.map((d) => d.id);
          expect(ids(await store.find('c', { kind: 'k' }))).toEqual(['A', 'B', '_', 'a', 'b']);
          expect(ids(await store.find('c', { kind: 'k' }, { afterId: 'B', limit: 2 }))).toEqual(['_', 'a']);
        } finally {
          await store.close();
        }
      });
    });

    describe('when a field is null or missing', () => {
      it('matches both, as the SQLite adapter does', async () => {
        const store = await PostgresReadStore.connect(url, { schema: freshSchema() });
        try {
          await store.transaction(async (tx) => {
            await tx.put('c', '1', { id: '1', revokedAt: null });
            await tx.put('c', '2', { id: '2' });
            await tx.put('c', '3', { id: '3', revokedAt: '2026-01-01' });
          });
          expect((await store.find<{ id: string }>('c', { revokedAt: null })).map((d) => d.id)).toEqual(['1', '2']);
        } finally {
          await store.close();
        }
      });
    });

    describe('when the server cannot be reached', () => {
      it('fails with a retriable READ_STORE.UNAVAILABLE', async () => {
        await expect(PostgresReadStore.connect('postgres://postgres@127.0.0.1:1/test', { connectTimeoutMs: 2000 })).rejects.toMatchObject({
          code: 'READ_STORE.UNAVAILABLE',
          retriable: true,
        });
      });
    });
  });
}
