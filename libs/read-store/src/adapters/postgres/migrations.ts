/** One schema change. `version` orders them and is recorded once applied; never edit a shipped one. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The read store's schema, oldest first. Statements use unqualified names: the runner
 * sets the transaction's search_path to the store's schema before applying them.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents and checkpoints',
    // COLLATE "C": ids order bytewise, as in the SQLite adapter, so paging and rebuilt
    // read models do not depend on the server's locale.
    sql: `
      CREATE TABLE documents (
        collection text COLLATE "C" NOT NULL,
        id         text COLLATE "C" NOT NULL,
        doc        jsonb NOT NULL,
        PRIMARY KEY (collection, id)
      );
      CREATE TABLE checkpoints (
        name     text COLLATE "C" PRIMARY KEY,
        position bigint NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'containment index for find',
    // jsonb_path_ops supports only @>, which is all find needs, and is smaller than jsonb_ops.
    sql: `CREATE INDEX documents_doc_path_ops ON documents USING gin (doc jsonb_path_ops);`,
  },
];
