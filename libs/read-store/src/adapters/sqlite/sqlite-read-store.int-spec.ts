import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStoreContract } from '@app/testing';
import { SqliteReadStore } from './sqlite-read-store';

const dir = mkdtempSync(join(tmpdir(), 'ledger-rs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

readStoreContract('sqlite (file)', async () => new SqliteReadStore(join(dir, 'read.db')));

describe('SqliteReadStore on a file written before documents moved to a rowid table', () => {
  it('moves every document over once and answers as before', async () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.exec(`PRAGMA journal_mode = WAL;
      CREATE TABLE documents (collection TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (collection, id)) WITHOUT ROWID;
      CREATE TABLE checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;`);
    const put = old.prepare('INSERT INTO documents (collection, id, doc) VALUES (?, ?, ?)');
    for (let i = 0; i < 50; i++) put.run(i % 2 ? 'odd' : 'even', `d-${String(i).padStart(2, '0')}`, JSON.stringify({ i, parity: i % 2 }));
    old.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?)').run('p', 50);
    old.close();

    const store = new SqliteReadStore(file);
    try {
      expect(await store.get('odd', 'd-07')).toEqual({ i: 7, parity: 1 });
      expect(await store.getCheckpoint('p')).toBe(50);
      expect((await store.find<{ i: number }>('even', {}, { limit: 100 })).map((d) => d.i)).toEqual(Array.from({ length: 25 }, (_, k) => k * 2));
      await store.transaction(async (tx) => tx.put('odd', 'd-07', { i: 7, parity: 1, again: true }));
      expect(await store.get('odd', 'd-07')).toEqual({ i: 7, parity: 1, again: true });
    } finally {
      await store.close();
    }
    const after = new Database(file, { readonly: true });
    const tables = after.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all();
    const count = after.prepare<[], { n: number }>('SELECT count(*) AS n FROM documents').get()!.n;
    after.close();
    expect(tables.map((t) => t.name)).not.toContain('documents_without_rowid');
    expect(tables.find((t) => t.name === 'documents')!.sql).not.toMatch(/WITHOUT ROWID/i);
    expect(count).toBe(50);
  });
});
