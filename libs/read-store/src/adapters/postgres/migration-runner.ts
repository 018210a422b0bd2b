import { Pool } from 'pg';
import { Migration, MIGRATIONS } from './migrations';
import { inPgTransaction as inTransaction, quotePgIdent as quoteIdent } from '@app/event-store';

/** First key of the advisory lock that serialises migrations of one schema. */
export const MIGRATION_LOCK = 0x52530001;

/**
 * Brings `schema` (or the session's current schema) up to the latest migration and returns
 * the versions it applied. Everything runs in one transaction holding a transaction-scoped
 * advisory lock, so processes starting together wait for each other instead of racing on
 * CREATE ... IF NOT EXISTS (which is not safe under concurrency), and a failed migration
 * leaves nothing half-applied.
 */
export async function migrate(pool: Pool, schema?: string, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1, hashtext('migrations:' || coalesce($2, current_schema(), '')))", [
      MIGRATION_LOCK,
      schema ?? null,
    ]);
    if (schema !== undefined) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    }
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
