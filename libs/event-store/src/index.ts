export * from './event-store.port';
export * from './event-store.errors';
export * from './event-store.tokens';
export * from './event-store.factory';
export * from './event-store.module';
export * from './fold-stream';
export * from './decide-on-stream';
export * from './decide-on-streams';
export * from './idempotency';
export * from './storage';
/** PostgreSQL session helpers the read store's PostgreSQL adapter shares (types only from pg: nothing loads it here). */
export { inTransaction as inPgTransaction, quoteIdent as quotePgIdent } from './adapters/postgres/pg-session';
export { migrateSchema as migratePgSchema } from './adapters/postgres/migration-runner';
export type { MigrationLedger as PgMigrationLedger } from './adapters/postgres/migration-runner';
