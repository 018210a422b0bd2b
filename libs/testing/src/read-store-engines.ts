import { ReadStore, openReadStore } from '@app/read-store';
import { uniqueName } from './events';

export type OpenReadStore = (dir: string) => Promise<ReadStore>;

/**
 * The read stores a suite can run on: an SQLite file in the test's directory, and PostgreSQL
 * (one fresh schema per store) when DATABASE_URL names one — otherwise the suite says why it
 * skipped that engine. `dropSchemas` removes what the PostgreSQL stores created.
 */
export function readStoreEngines(suite: string, schemaPrefix: string): { engines: [string, OpenReadStore][]; dropSchemas: () => Promise<void> } {
  const pg = process.env.DATABASE_URL;
  if (!pg) console.warn(`${suite} on PostgreSQL skipped: DATABASE_URL is not set and no PostgreSQL was found`);
  const schemas: string[] = [];
  const engines: [string, OpenReadStore][] = [['sqlite', (dir) => openReadStore(`sqlite:${dir}/read.db`)]];
  if (pg) {
    engines.push(['postgres', () => {
      const schema = uniqueName(schemaPrefix);
      schemas.push(schema);
      return openReadStore(`${pg}${pg.includes('?') ? '&' : '?'}schema=${schema}`);
    }]);
  }
  const dropSchemas = async () => {
    if (!pg || schemas.length === 0) return;
    const { Client } = await import('pg');
    const client = new Client({ connectionString: pg });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  };
  return { engines, dropSchemas };
}
