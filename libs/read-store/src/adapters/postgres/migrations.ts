/** Ordered, append-only: a migration once shipped is never edited, only followed by another. */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
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
];
