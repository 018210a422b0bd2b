import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { prepareSqliteFile, secureSidecars, StorageHealth, translateStorageError, WriteFaults } from '@app/event-store';
import { KeyVault } from '../../key-vault.port';
import { open, seal } from '../../wrap';

/**
 * Key vault in its own SQLite file. Data keys are stored wrapped (AES-256-GCM) under a
 * master key that never touches the file; a destroyed key leaves a tombstone, so its id
 * cannot come back with a new key.
 */
export class SqliteKeyVault implements KeyVault {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly faults = new WriteFaults('key vault');

  constructor(file: string, private readonly masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the vault master key must be 32 bytes');
    prepareSqliteFile(file);
    this.db = new Database(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA secure_delete = ON;');
    this.db.exec('CREATE TABLE IF NOT EXISTS data_keys (key_id TEXT PRIMARY KEY, wrapped BLOB, destroyed_at TEXT) WITHOUT ROWID');
    secureSidecars(file);
    // Prepared once and kept: see SqliteEventStore on better-sqlite3 12 and Node 24.
    this.stmt = {
      insert: this.db.prepare('INSERT OR IGNORE INTO data_keys (key_id, wrapped) VALUES (?, ?)'),
      select: this.db.prepare<[string], { wrapped: Buffer | null; destroyed_at: string | null }>('SELECT wrapped, destroyed_at FROM data_keys WHERE key_id = ?'),
      destroy: this.db.prepare(
        'INSERT INTO data_keys (key_id, wrapped, destroyed_at) VALUES (?, NULL, ?) ON CONFLICT (key_id) DO UPDATE SET wrapped = NULL, destroyed_at = excluded.destroyed_at',
      ),
    };
  }

  async getOrCreate(keyId: string): Promise<Buffer | undefined> {
    const existing = await this.lookup(keyId);
    if (existing !== null) return existing;
    const key = randomBytes(32);
    // INSERT OR IGNORE: if another process created it first, theirs wins and is read back.
    this.faults.run(() => this.stmt.insert.run(keyId, seal(this.masterKey, key, keyId)));
    return (await this.lookup(keyId)) ?? undefined;
  }

  async get(keyId: string): Promise<Buffer | undefined> {
    return (await this.lookup(keyId)) ?? undefined;
  }

  async status(keyId: string): Promise<'live' | 'destroyed' | 'absent'> {
    const key = await this.lookup(keyId);
    return key === null ? 'absent' : key === undefined ? 'destroyed' : 'live';
  }

  /**
   * null: never created; undefined: destroyed. Read from the file every time, never cached:
   * another process (records, erasing) may destroy the key, and a cached copy would go on
   * sealing new personal data under it.
   */
  private async lookup(keyId: string): Promise<Buffer | undefined | null> {
    let row;
    try {
      row = this.stmt.select.get(keyId);
    } catch (error) {
      throw translateStorageError('key vault', error);
    }
    if (!row) return null;
    if (row.destroyed_at || !row.wrapped) return undefined;
    return open(this.masterKey, row.wrapped, keyId);
  }

  async destroy(keyId: string): Promise<void> {
    this.faults.run(() => this.stmt.destroy.run(keyId, new Date().toISOString()));
  }

  /**
   * Moves destroyed keys out of the write-ahead log into the file (where secure_delete has
   * zeroed them) and empties the log, so no copy of a wrapped key outlives its destruction.
   * Best effort: a reader in another process can hold the log back until the next call.
   */
  async purge(): Promise<void> {
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      throw translateStorageError('key vault', error);
    }
  }

  storageHealth(): StorageHealth {
    return this.faults.health();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
