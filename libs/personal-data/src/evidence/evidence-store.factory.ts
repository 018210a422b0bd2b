import { resolve } from 'node:path';
import { EvidenceStore } from './evidence-store.port';

/** Opens the evidence store at `sqlite:<file>` (by default `$DATA_DIR/evidence.db`). */
export async function openEvidenceStore(url: string): Promise<EvidenceStore> {
  if (url.startsWith('sqlite:')) {
    const { SqliteEvidenceStore } = await import('../adapters/sqlite/sqlite-evidence-store');
    return new SqliteEvidenceStore(resolve(url.slice('sqlite:'.length)));
  }
  throw new Error(`evidence store: unsupported URL "${url}" (use sqlite:<file>)`);
}
