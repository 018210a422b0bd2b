import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface RawSqliteRun {
  rowsPerSecond: number;
  /** How the file was set up, as printed. */
  settings: string;
}

export interface RawSqliteResult {
  rows: number;
  avgRowBytes: number;
  /** The best of the tuned set-ups: the machine's limit for these rows at this durability. */
  limit: RawSqliteRun;
  /** The same rows with the event store's own settings, for comparison. */
  ledgerSettings: RawSqliteRun;
  /** Every tuned set-up tried, best first. */
  tried: RawSqliteRun[];
}

const TABLE = `CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
  event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, revision))`;

interface Setup {
  name: string;
  /** Run before the table exists (page_size must come before WAL). */
  pragmas: string[];
  /** Rows per INSERT statement: several VALUES tuples cut the per-statement cost of the driver. */
  rowsPerStatement: number;
}

/** What the ledger's event store sets (SqliteEventStore): the comparison line. */
const LEDGER: Setup = { name: "the event store's settings", pragmas: ['journal_mode = WAL', 'synchronous = FULL', 'cache_size = -65536', 'wal_autocheckpoint = 10000'], rowsPerStatement: 1 };

/**
 * Tuned set-ups, all with the ledger's durability: WAL with synchronous=FULL, one fsync'd
 * commit per batch. What differs is what costs CPU or I/O without changing what survives a
 * power loss: page cache, page size, WAL checkpoint cadence, the shared-memory index
 * (exclusive locking: one process owns the file), statement overhead.
 */
const TUNED: Setup[] = [
  { name: 'cache 64 MB, 1 row/INSERT', pragmas: ['journal_mode = WAL', 'synchronous = FULL', 'cache_size = -65536', 'temp_store = MEMORY'], rowsPerStatement: 1 },
  {
    name: 'cache 64 MB, exclusive lock, autocheckpoint 10000, 50 rows/INSERT',
    pragmas: ['locking_mode = EXCLUSIVE', 'journal_mode = WAL', 'synchronous = FULL', 'cache_size = -65536', 'temp_store = MEMORY', 'wal_autocheckpoint = 10000'],
    rowsPerStatement: 50,
  },
  {
    name: 'page 8 KB, cache 64 MB, exclusive lock, autocheckpoint 10000, 50 rows/INSERT',
    pragmas: ['page_size = 8192', 'locking_mode = EXCLUSIVE', 'journal_mode = WAL', 'synchronous = FULL', 'cache_size = -65536', 'temp_store = MEMORY', 'wal_autocheckpoint = 10000'],
    rowsPerStatement: 50,
  },
];

/**
 * The machine's limit for the ledger's write: the rows the ledger stored, appended again
 * into fresh files with nothing else running in the process, `perTransaction` rows per
 * durable commit — once with the event store's settings and once per tuned set-up, so the
 * ratio is taken against the best this machine does, not against a mistuned engine.
 */
export function rawSqliteAppend(sourceFile: string, perTransaction: number, onlyType?: string): RawSqliteResult {
  const source = new Database(sourceFile, { readonly: true });
  const rows = (onlyType
    ? source.prepare('SELECT stream_id, revision, event_id, type, data, metadata FROM events WHERE type = ? ORDER BY position').raw().all(onlyType)
    : source.prepare('SELECT stream_id, revision, event_id, type, data, metadata FROM events ORDER BY position').raw().all()) as unknown[][];
  source.close();
  const bytes = rows.reduce((sum: number, r) => sum + String(r[4]).length + String(r[5]).length, 0);
  const ledgerSettings = timeAppend(rows, perTransaction, LEDGER);
  const tried = TUNED.map((setup) => timeAppend(rows, perTransaction, setup)).sort((a, b) => b.rowsPerSecond - a.rowsPerSecond);
  return { rows: rows.length, avgRowBytes: Math.round(bytes / Math.max(1, rows.length)), limit: tried[0], ledgerSettings, tried };
}

function timeAppend(rows: unknown[][], perTransaction: number, setup: Setup): RawSqliteRun {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-raw-'));
  const db = new Database(join(dir, 'raw.db'));
  try {
    for (const p of setup.pragmas) db.pragma(p);
    db.exec(TABLE);
    const tuple = '(?, ?, ?, ?, ?, ?)';
    const many = db.prepare(`INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES ${Array(setup.rowsPerStatement).fill(tuple).join(', ')}`);
    const one = db.prepare(`INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES ${tuple}`);
    const n = setup.rowsPerStatement;
    const write = db.transaction((from: number, to: number) => {
      let i = from;
      for (; i + n <= to && n > 1; i += n) many.run(rows.slice(i, i + n).flat());
      for (; i < to; i++) one.run(rows[i]);
    });
    const started = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += perTransaction) write.immediate(i, Math.min(rows.length, i + perTransaction));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { rowsPerSecond: rows.length / seconds, settings: `WAL, synchronous=FULL, ${perTransaction} rows per commit, ${setup.name}` };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RebuildFloor {
  events: number;
  documents: number;
  documentBytes: number;
  /** Reading every event of the log in pages of 5,000 and parsing its body and metadata. */
  readSeconds: number;
  /** Writing the rebuilt read store's documents once each into a fresh file, at the read store's durability. */
  writeSeconds: number;
}

/**
 * The least work any rebuild of these read models must do on this machine: read and parse
 * every event of the log, and write each document of the result once. The ledger's rebuild
 * also decides what to write, and rewrites a document as events change it; the ratio shows
 * how far above this floor it runs.
 */
export function rawRebuildFloor(eventsFile: string, readStoreFile: string): RebuildFloor {
  const log = new Database(eventsFile, { readonly: true });
  const page = log.prepare<[number], { position: number; data: string; metadata: string }>('SELECT position, stream_id, revision, event_id, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT 5000');
  let events = 0;
  let started = process.hrtime.bigint();
  for (let after = 0; ; ) {
    const rows = page.all(after);
    if (rows.length === 0) break;
    for (const row of rows) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
    }
    events += rows.length;
    after = rows[rows.length - 1].position;
  }
  const readSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  log.close();

  const source = new Database(readStoreFile, { readonly: true });
  const scan = () => source.prepare('SELECT collection, id, doc FROM documents ORDER BY rowid').raw().iterate() as IterableIterator<[string, string, string]>;
  // Reading the source is not part of the floor: timed alone, then taken off.
  started = process.hrtime.bigint();
  let documents = 0;
  let documentBytes = 0;
  for (const row of scan()) {
    documents += 1;
    documentBytes += row[2].length;
  }
  const scanSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-raw-docs-'));
  const db = new Database(join(dir, 'read.db'));
  try {
    for (const p of ['page_size = 8192', 'journal_mode = WAL', 'synchronous = NORMAL', 'cache_size = -65536', 'locking_mode = EXCLUSIVE']) db.pragma(p);
    db.exec('CREATE TABLE documents (collection TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL); CREATE UNIQUE INDEX documents_key ON documents (collection, id);');
    const per = 50;
    const many = db.prepare(`INSERT INTO documents (collection, id, doc) VALUES ${Array(per).fill('(?, ?, ?)').join(', ')}`);
    const one = db.prepare('INSERT INTO documents (collection, id, doc) VALUES (?, ?, ?)');
    const write = db.transaction((rows: [string, string, string][]) => {
      let i = 0;
      for (; i + per <= rows.length; i += per) many.run(rows.slice(i, i + per).flat());
      for (; i < rows.length; i++) one.run(rows[i]);
    });
    started = process.hrtime.bigint();
    let batch: [string, string, string][] = [];
    for (const row of scan()) {
      batch.push(row);
      if (batch.length === 5000) {
        write.immediate(batch);
        batch = [];
      }
    }
    write.immediate(batch);
    const writeSeconds = Math.max(0, Number(process.hrtime.bigint() - started) / 1e9 - scanSeconds);
    return { events, documents, documentBytes, readSeconds, writeSeconds };
  } finally {
    db.close();
    source.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
