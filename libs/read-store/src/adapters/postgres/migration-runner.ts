import { Pool } from 'pg';
import { migratePgSchema } from '@app/event-store';
import { Migration, MIGRATIONS } from './migrations';

/** First key of the advisory lock that serialises the read store's migrations of one schema. */
export const MIGRATION_LOCK = 0x52530001;

/**
 * Brings `schema` (or the session's current schema) up to the read store's latest migration
 * and returns the versions it applied, through the event store's migration runner with the
 * read store's own history table (`schema_migrations`) and lock.
 */
export function migrate(pool: Pool, schema?: string, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return migratePgSchema(pool, schema, migrations, { table: 'schema_migrations', lockKey: MIGRATION_LOCK, lockName: 'migrations:' });
}
