import { Pool } from 'pg';
import { Migration, MIGRATIONS } from './migrations';
import { inTransaction, quoteIdent } from './pg-session';

/** First key of the advisory lock that serialises migrations of one schema (not the read store's). */
export const MIGRATION_LOCK = 0x45530001;

/**
 * Brings `schema` up to the latest migration and returns the versions it applied. One
 * transaction holding a transaction-scoped advisory lock: processes starting together wait for
 * each other instead of racing on CREATE ... IF NOT EXISTS, and a failed migration leaves
 * nothing half-applied.
 */
export async function migrate(pool: Pool, schema: string, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1, hashtext('event-store-migrations:' || $2))", [MIGRATION_LOCK, schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS event_store_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM event_store_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO event_store_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
