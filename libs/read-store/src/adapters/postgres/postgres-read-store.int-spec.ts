import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { readStoreContract } from '@app/testing';
import { PostgresReadStore } from './postgres-read-store';

const url = process.env.DATABASE_URL;

if (!url) {
  console.warn('PostgreSQL read-store suite skipped: DATABASE_URL is not set and no PostgreSQL was found (see test/engines.global-setup.ts)');
  describe.skip('ReadStore contract: postgres (no engine)', () => it('needs DATABASE_URL', () => undefined));
} else {
  // Each run works in its own schema and drops it afterwards.
  const schema = `ledger_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  afterAll(async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS ${schema}_race CASCADE`);
    await client.end();
  });

  readStoreContract('postgres', () => PostgresReadStore.connect(url, { schema }));

  describe('when several processes migrate one fresh schema at once', () => {
    it('lets all of them start', async () => {
      const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresReadStore.connect(url, { schema: `${schema}_race` })));
      await stores[0].transaction(async (tx) => tx.setCheckpoint('race', 1));
      expect(await stores[3].getCheckpoint('race')).toBe(1);
      await Promise.all(stores.map((s) => s.close()));
    });
  });
}
