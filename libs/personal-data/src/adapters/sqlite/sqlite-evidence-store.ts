import Database from 'better-sqlite3';
import { prepareSqliteFile, secureSidecars, translateStorageError, WriteFaults } from '@app/event-store';
import { EvidenceStore, StoredEvidence } from '../../evidence/evidence-store.port';

type Row = { body_digest: string; provider_id: string; key_id: string; signature: string; received_at: string; sealed_body: Buffer | null };

/** Evidence bodies in their own SQLite file (sealed; see EvidenceCipher), written durably (synchronous = FULL) in one transaction per batch. */
export class SqliteEvidenceStore implements EvidenceStore {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly insertMany;
  private readonly faults = new WriteFaults('evidence store');

  constructor(file: string) {
    prepareSqliteFile(file);
    this.db = new Database(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;');
    this.db.exec(`CREATE TABLE IF NOT EXISTS evidence (
      body_digest TEXT NOT NULL, provider_id TEXT NOT NULL, key_id TEXT NOT NULL, signature TEXT NOT NULL, received_at TEXT NOT NULL, sealed_body BLOB,
      PRIMARY KEY (body_digest, provider_id)) WITHOUT ROWID`);
    secureSidecars(file);
    this.stmt = {
      insert: this.db.prepare('INSERT OR IGNORE INTO evidence (body_digest, provider_id, key_id, signature, received_at, sealed_body) VALUES (?, ?, ?, ?, ?, ?)'),
      select: this.db.prepare<[string], Row>('SELECT * FROM evidence WHERE body_digest = ? ORDER BY received_at, provider_id'),
    };
    this.insertMany = this.db.transaction((rows: StoredEvidence[]) => {
      for (const e of rows) this.stmt.insert.run(e.bodyDigest, e.providerId, e.keyId, e.signature, e.receivedAt, e.sealedBody ?? null);
    });
  }

  async putMany(evidence: StoredEvidence[]): Promise<void> {
    if (evidence.length > 0) this.faults.run(() => this.insertMany(evidence));
  }

  async get(bodyDigest: string): Promise<StoredEvidence[]> {
    let rows: Row[];
    try {
      rows = this.stmt.select.all(bodyDigest);
    } catch (error) {
      throw translateStorageError('evidence store', error);
    }
    return rows.map((r) => ({
      bodyDigest: r.body_digest, providerId: r.provider_id, keyId: r.key_id, signature: r.signature, receivedAt: r.received_at,
      ...(r.sealed_body ? { sealedBody: r.sealed_body } : {}),
    }));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
