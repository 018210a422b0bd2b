import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The machine's limit for the ledger's write: the rows the ledger stored, appended again
 * into a fresh file with the same schema and durability settings, with nothing else.
 */
export function rawSqliteAppend(sourceFile: string, perTransaction: number): { rows: number; rowsPerSecond: number; avgRowBytes: number } {
  const source = new Database(sourceFile, { readonly: true });
  const rows = source.prepare('SELECT stream_id, revision, event_id, type, data, metadata FROM events ORDER BY position').raw().all() as unknown[][];
  source.close();
  const dir = mkdtempSync(join(tmpdir(), 'ledger-raw-'));
  const db = new Database(join(dir, 'raw.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
      event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, revision))`);
    const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
    const write = db.transaction((chunk: unknown[][]) => {
      for (const r of chunk) insert.run(...r);
    });
    const started = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += perTransaction) write.immediate(rows.slice(i, i + perTransaction));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const bytes = rows.reduce((sum: number, r) => sum + String(r[4]).length + String(r[5]).length, 0);
    return { rows: rows.length, rowsPerSecond: rows.length / seconds, avgRowBytes: Math.round(bytes / Math.max(1, rows.length)) };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
