/** One schema change of the event store, recorded in event_store_migrations once applied. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Ordered, append-only: a migration once shipped is never edited, only followed by another.
 * Names are unqualified: the runner sets the transaction's search_path to the store's schema.
 * The bookkeeping table is not the read store's `schema_migrations`, so both stores may share
 * one schema without either taking the other's versions for its own.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events',
    // `json`, not `jsonb`: the text is kept as appended (key order included), so `stored` reads
    // and the verifiable log see exactly what SQLite would give back. Positions come from an
    // identity column taken under the append lock, so they rise in commit order (see the adapter).
    sql: `
      CREATE TABLE IF NOT EXISTS events (
        position  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id text COLLATE "C" NOT NULL,
        revision  bigint NOT NULL,
        event_id  text COLLATE "C" NOT NULL UNIQUE,
        type      text NOT NULL,
        data      json NOT NULL,
        metadata  json NOT NULL,
        UNIQUE (stream_id, revision)
      );`,
  },
];
