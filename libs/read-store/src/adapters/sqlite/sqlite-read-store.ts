import Database from 'better-sqlite3';
import { prepareSqliteFile, secureSidecars, SQLITE_CACHE_KIB, StorageHealth, translateStorageError, WalCheckpointer, WriteFaults, WRITER_AUTOCHECKPOINT_PAGES } from '@app/event-store';
import { FindOptions, ParkedEvent, ParkedQuery, ReadStore, ReadTx, Scalar } from '../../read-store.port';

/**
 * Documents live in a rowid table, in the order they were first written, with a unique index
 * on (collection, id). Most documents are keyed by random UUIDs and hold 0.1–5 KB: kept in a
 * WITHOUT ROWID B-tree, every insert landed on a random page full of whole documents (a
 * transaction of 5,000 events dirtied thousands of pages, and the file came out half empty);
 * now only the small index entries are scattered and the documents are appended together.
 */
const DOCUMENTS = `
CREATE TABLE IF NOT EXISTS documents (
  collection TEXT NOT NULL,
  id         TEXT NOT NULL,
  doc        TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_key ON documents (collection, id);`;

const SCHEMA = `${DOCUMENTS}
CREATE TABLE IF NOT EXISTS checkpoints (
  name     TEXT PRIMARY KEY,
  position INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS parked_events (
  projection TEXT    NOT NULL,
  position   INTEGER NOT NULL,
  event_id   TEXT    NOT NULL,
  type       TEXT    NOT NULL,
  error      TEXT    NOT NULL,
  parked_at  TEXT    NOT NULL,
  PRIMARY KEY (projection, position)
) WITHOUT ROWID;`;

interface ParkedRow {
  projection: string;
  position: number;
  event_id: string;
  type: string;
  error: string;
  parked_at: string;
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Read store on one SQLite file. Transactions run one at a time on a writer connection;
 * queries use a second connection, so they never see a transaction's uncommitted writes.
 */
export class SqliteReadStore implements ReadStore {
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly queries = new Map<string, Database.Statement>();
  private readonly w;
  private readonly r;
  private readonly faults = new WriteFaults('read store');
  private savepoints = 0;
  private readonly checkpointer: WalCheckpointer;

  constructor(readonly file: string) {
    if (file === ':memory:') throw new Error('SqliteReadStore needs a file: its reader and writer are two connections');
    prepareSqliteFile(file);
    this.writer = new Database(file);
    // A projection can always be rebuilt from the event store, so it needs no fsync per commit.
    // exec, not pragma(): statements are prepared once and kept (see SqliteEventStore on Node 24).
    // A bigger page cache than SQLite's 2 MB: projections read and rewrite documents keyed by
    // random UUIDs all over the file, and each miss is a read() on the request thread.
    this.writer.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA cache_size = ${SQLITE_CACHE_KIB}; PRAGMA wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES};`);
    migrateDocuments(this.writer);
    this.writer.exec(SCHEMA);
    this.checkpointer = new WalCheckpointer(file);
    secureSidecars(file);
    this.reader = new Database(file, { readonly: true });
    this.reader.exec(`PRAGMA busy_timeout = 10000; PRAGMA cache_size = ${SQLITE_CACHE_KIB};`);
    this.w = {
      get: this.writer.prepare<[string, string], { doc: string }>('SELECT doc FROM documents WHERE collection = ? AND id = ?'),
      put: this.writer.prepare('INSERT INTO documents (collection, id, doc) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc'),
      delete: this.writer.prepare('DELETE FROM documents WHERE collection = ? AND id = ?'),
      getCheckpoint: this.writer.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?'),
      setCheckpoint: this.writer.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position'),
      deleteCollection: this.writer.prepare('DELETE FROM documents WHERE collection = ?'),
      deleteCheckpoint: this.writer.prepare('DELETE FROM checkpoints WHERE name = ?'),
      park: this.writer.prepare(
        `INSERT INTO parked_events (projection, position, event_id, type, error, parked_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (projection, position) DO UPDATE SET error = excluded.error, parked_at = excluded.parked_at`,
      ),
      deleteParked: this.writer.prepare('DELETE FROM parked_events WHERE projection = ?'),
    };
    this.r = {
      get: this.reader.prepare<[string, string], { doc: string }>('SELECT doc FROM documents WHERE collection = ? AND id = ?'),
      getCheckpoint: this.reader.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE name = ?'),
      getMany: this.reader.prepare<[string, string], { id: string; doc: string }>(
        'SELECT id, doc FROM documents WHERE collection = ? AND id IN (SELECT value FROM json_each(?))',
      ),
      parked: this.reader.prepare<[string | null, string | null, number, number], ParkedRow>(
        'SELECT * FROM parked_events WHERE (? IS NULL OR projection = ?) AND position > ? ORDER BY position, projection LIMIT ?',
      ),
      countParked: this.reader.prepare<[], { projection: string; n: number }>('SELECT projection, count(*) AS n FROM parked_events GROUP BY projection'),
    };
  }

  transaction<T>(work: (tx: ReadTx) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      try {
        this.writer.exec('BEGIN IMMEDIATE');
        const result = await work(this.tx);
        this.flush();
        this.writer.exec('COMMIT');
        this.endTx();
        this.faults.succeeded();
        return result;
      } catch (error) {
        this.endTx();
        if (this.writer.inTransaction) this.rollback();
        // A full or read-only disk becomes STORAGE.UNAVAILABLE (retriable); a projection's own
        // error passes through unchanged.
        throw this.faults.failed(error);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Document writes of the open transaction, kept until it commits (JSON text, or null for a
   * delete), keyed by collection and id: a batch that rewrites one document many times (an
   * index bucket, a learner) writes it once, and the writes reach the B-tree in key order
   * rather than scattered by random ids. Inside a savepoint writes go straight through, so a
   * rollback to it has nothing of ours to undo.
   */
  private readonly pending = new Map<string, { collection: string; id: string; doc: string | null }>();
  private savepointDepth = 0;

  /**
   * What the open transaction has read from the file (JSON text, or null where absent), until
   * it ends: only this connection writes, so reading a key again gives the same answer unless
   * the transaction itself wrote it, and its writes update this too. Projections read the same
   * documents (a policy, a learner) for many events of a batch.
   */
  private readonly readInTx = new Map<string, string | null>();

  private flush(): void {
    if (this.pending.size === 0) return;
    const writes = [...this.pending.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.pending.clear();
    for (const [key, { collection, id, doc }] of writes) {
      if (doc === null) this.w.delete.run(collection, id);
      else this.w.put.run(collection, id, doc);
      this.readInTx.set(key, doc);
    }
  }

  /** Ends the transaction's in-memory state, committed or not. */
  private endTx(): void {
    this.pending.clear();
    this.readInTx.clear();
  }

  private readonly tx: ReadTx = {
    get: async <T>(collection: string, id: string) => {
      const key = pendingKey(collection, id);
      const pending = this.pending.get(key);
      if (pending) return parse<T>(pending.doc ?? undefined);
      let doc = this.readInTx.get(key);
      if (doc === undefined) this.readInTx.set(key, (doc = this.w.get.get(collection, id)?.doc ?? null));
      return parse<T>(doc ?? undefined);
    },
    put: async (collection, id, doc) => {
      // Serialised now: the caller may go on changing its object after the put.
      const json = JSON.stringify(doc);
      const key = pendingKey(collection, id);
      if (this.savepointDepth === 0) this.pending.set(key, { collection, id, doc: json });
      else {
        this.w.put.run(collection, id, json);
        this.readInTx.set(key, json);
      }
    },
    delete: async (collection, id) => {
      const key = pendingKey(collection, id);
      if (this.savepointDepth === 0) this.pending.set(key, { collection, id, doc: null });
      else {
        this.w.delete.run(collection, id);
        this.readInTx.set(key, null);
      }
    },
    getCheckpoint: async (name) => this.w.getCheckpoint.get(name)?.position ?? 0,
    setCheckpoint: async (name, position) => {
      this.w.setCheckpoint.run(name, position);
    },
    park: async (e) => {
      this.w.park.run(e.projection, e.position, e.eventId, e.type, e.error, e.parkedAt);
    },
    savepoint: async <T>(work: () => Promise<T>) => {
      const name = `sp${++this.savepoints}`;
      this.flush();
      this.writer.exec(`SAVEPOINT ${name}`);
      this.savepointDepth += 1;
      try {
        const result = await work();
        this.writer.exec(`RELEASE ${name}`);
        return result;
      } catch (error) {
        // ROLLBACK TO keeps the savepoint open; RELEASE closes it, keeping the outer transaction.
        if (this.writer.inTransaction) this.writer.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
        // What was read or written inside the savepoint may be undone now.
        this.readInTx.clear();
        throw error;
      } finally {
        this.savepointDepth -= 1;
      }
    },
  };

  /** A failed ROLLBACK (the disk vanished) must not hide the error that caused it. */
  private rollback(): void {
    try {
      this.writer.exec('ROLLBACK');
    } catch {
      // SQLite rolls back on its own when it cannot: the transaction is gone either way.
    }
  }

  async get<T>(collection: string, id: string): Promise<T | undefined> {
    return parse<T>(this.reading(() => this.r.get.get(collection, id)?.doc));
  }

  async getMany<T>(collection: string, ids: readonly string[]): Promise<(T | undefined)[]> {
    if (ids.length === 0) return [];
    const rows = this.reading(() => this.r.getMany.all(collection, JSON.stringify(ids)));
    const byId = new Map(rows.map((row) => [row.id, row.doc]));
    return ids.map((id) => parse<T>(byId.get(id)));
  }

  async find<T>(collection: string, where: Record<string, Scalar>, options: FindOptions = {}): Promise<T[]> {
    const clauses = ['collection = ?'];
    const params: unknown[] = [collection];
    for (const [field, value] of Object.entries(where)) {
      if (!FIELD.test(field)) throw new Error(`invalid field name ${field}`);
      clauses.push(value === null ? `json_extract(doc, '$.${field}') IS NULL` : `json_extract(doc, '$.${field}') = ?`);
      if (value !== null) params.push(typeof value === 'boolean' ? Number(value) : value);
    }
    if (options.afterId !== undefined) {
      clauses.push('id > ?');
      params.push(options.afterId);
    }
    params.push(options.limit ?? 100);
    const rows = this.query(`SELECT doc FROM documents WHERE ${clauses.join(' AND ')} ORDER BY id LIMIT ?`).all(...params) as { doc: string }[];
    return rows.map((row) => JSON.parse(row.doc) as T);
  }

  /** find() builds its SQL from the fields asked for: one kept statement per shape (the code asks few). */
  private query(sql: string): Database.Statement {
    let statement = this.queries.get(sql);
    if (!statement) this.queries.set(sql, (statement = this.reader.prepare(sql)));
    return statement;
  }

  async getCheckpoint(name: string): Promise<number> {
    return this.reading(() => this.r.getCheckpoint.get(name)?.position ?? 0);
  }

  async listParked(query: ParkedQuery = {}): Promise<ParkedEvent[]> {
    const p = query.projection ?? null;
    const rows = this.reading(() => this.r.parked.all(p, p, query.afterPosition ?? 0, query.limit ?? 100));
    return rows.map((r) => ({ projection: r.projection, position: r.position, eventId: r.event_id, type: r.type, error: r.error, parkedAt: r.parked_at }));
  }

  async countParked(): Promise<Record<string, number>> {
    return Object.fromEntries(this.reading(() => this.r.countParked.all()).map((r) => [r.projection, r.n]));
  }

  async reset(collections: string[], checkpoint: string): Promise<void> {
    await this.transaction(async () => {
      for (const c of collections) this.w.deleteCollection.run(c);
      this.w.deleteCheckpoint.run(checkpoint);
      this.w.deleteParked.run(checkpoint);
    });
  }

  storageHealth(): StorageHealth {
    return this.faults.health();
  }

  private reading<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      throw translateStorageError('read store', error);
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await this.checkpointer.stop();
    if (this.reader.open) this.reader.close();
    if (this.writer.open) this.writer.close();
  }
}

/** A read store written before documents moved to a rowid table is moved over once, in one transaction. */
function migrateDocuments(db: Database.Database): void {
  const table = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'documents'").get();
  if (!table || !/WITHOUT\s+ROWID/i.test(table.sql)) return;
  db.transaction(() => {
    db.exec('ALTER TABLE documents RENAME TO documents_without_rowid');
    db.exec(DOCUMENTS);
    db.exec('INSERT INTO documents (collection, id, doc) SELECT collection, id, doc FROM documents_without_rowid');
    db.exec('DROP TABLE documents_without_rowid');
  }).immediate();
}

function pendingKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

function parse<T>(doc: string | undefined): T | undefined {
  return doc === undefined ? undefined : (JSON.parse(doc) as T);
}
