/** One schema change, recorded in schema_migrations once applied. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Ordered, append-only: a migration once shipped is never edited, only followed by another.
 * Statements use unqualified names: the runner sets the transaction's search_path to the
 * store's schema first.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents and checkpoints',
    sql: `
      CREATE TABLE IF NOT EXISTS documents (
        collection text  NOT NULL,
        id         text  NOT NULL,
        doc        jsonb NOT NULL,
        PRIMARY KEY (collection, id)
      );
      CREATE INDEX IF NOT EXISTS documents_doc_gin ON documents USING gin (doc jsonb_path_ops);
      CREATE TABLE IF NOT EXISTS checkpoints (
        name     text   PRIMARY KEY,
        position bigint NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'bytewise collation for keys',
    // Ids then order bytewise, as in the SQLite adapter, whatever the server's locale: paging
    // and rebuilt read models match across engines, and ORDER BY id COLLATE "C" uses the
    // primary key instead of sorting.
    sql: `
      ALTER TABLE documents
        ALTER COLUMN collection TYPE text COLLATE "C",
        ALTER COLUMN id         TYPE text COLLATE "C";
      ALTER TABLE checkpoints
        ALTER COLUMN name TYPE text COLLATE "C";`,
  },
  {
    version: 3,
    name: 'parked events',
    // Events a projection could not apply (DESIGN rule 7), written with its checkpoint.
    sql: `
      CREATE TABLE IF NOT EXISTS parked_events (
        projection text COLLATE "C" NOT NULL,
        position   bigint NOT NULL,
        event_id   text   NOT NULL,
        type       text   NOT NULL,
        error      text   NOT NULL,
        parked_at  timestamptz NOT NULL,
        PRIMARY KEY (projection, position)
      );`,
  },
];
