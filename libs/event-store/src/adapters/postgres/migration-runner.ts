import { Pool } from 'pg';
import { Migration, MIGRATIONS } from './migrations';
import { inTransaction, quoteIdent } from './pg-session';

/** Where a store keeps its migration history, and the advisory lock that serialises its migrations. */
export interface MigrationLedger {
  /** The table listing applied versions (stores sharing a schema keep separate tables). */
  table: string;
  /** First key of the advisory lock; the second is derived from `lockName` and the schema. */
  lockKey: number;
  lockName: string;
}

/** The event store's: its own table and lock, so it can share a schema with the read store. */
export const EVENT_STORE_MIGRATIONS: MigrationLedger = { table: 'event_store_migrations', lockKey: 0x45530001, lockName: 'event-store-migrations:' };

/**
 * Brings `schema` (or the session's current schema) up to the latest migration and returns the
 * versions it applied. One transaction holding a transaction-scoped advisory lock: processes
 * starting together wait for each other instead of racing on CREATE ... IF NOT EXISTS (not safe
 * under concurrency), and a failed migration leaves nothing half-applied. The event store and
 * the read store both migrate through here, each with its own ledger.
 */
export async function migrateSchema(pool: Pool, schema: string | undefined, migrations: readonly Migration[], ledger: MigrationLedger): Promise<number[]> {
  const table = quoteIdent(ledger.table);
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2 || coalesce($3, current_schema(), \'\')))', [ledger.lockKey, ledger.lockName, schema ?? null]);
    if (schema !== undefined) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    }
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${table}`);
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query(`INSERT INTO ${table} (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}

/** The event store's schema, up to its latest migration. */
export function migrate(pool: Pool, schema: string, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return migrateSchema(pool, schema, migrations, EVENT_STORE_MIGRATIONS);
}
