import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvidenceCipher } from '../../evidence/evidence-cipher';
import { SqliteEvidenceStore } from './sqlite-evidence-store';
import { SqliteKeyVault } from './sqlite-key-vault';

describe('SqliteEvidenceStore with the evidence cipher', () => {
  let dir: string;
  let vault: SqliteKeyVault;
  let store: SqliteEvidenceStore;
  const body = Buffer.from('{"items":[{"holder":{"name":"Evidence Sealedname"}}]}');
  const digest = 'ab'.repeat(32);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-evidence-'));
    vault = new SqliteKeyVault(join(dir, 'vault.db'), randomBytes(32));
    store = new SqliteEvidenceStore(join(dir, 'evidence.db'));
  });
  afterEach(async () => {
    await store.close();
    await vault.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the sealed body durably, never in clear, and the first row for a digest and provider', async () => {
    const cipher = new EvidenceCipher(vault);
    const sealedBody = (await cipher.seal(digest, body))!;
    await store.putMany([{ bodyDigest: digest, providerId: 'uni-a', keyId: 'k1', signature: 's1', receivedAt: '2026-11-29T10:00:00.000Z', sealedBody }]);
    await store.putMany([{ bodyDigest: digest, providerId: 'uni-a', keyId: 'k2', signature: 's2', receivedAt: '2026-11-29T11:00:00.000Z', sealedBody }]);
    await store.close();
    store = new SqliteEvidenceStore(join(dir, 'evidence.db'));
    const rows = await store.get(digest);
    expect(rows.map((r) => [r.providerId, r.keyId, r.signature])).toEqual([['uni-a', 'k1', 's1']]);
    expect((await cipher.open(digest, rows[0].sealedBody!))?.equals(body)).toBe(true);
    expect(readFileSync(join(dir, 'evidence.db')).includes(Buffer.from('Sealedname'))).toBe(false);
    expect(await store.get('cd'.repeat(32))).toEqual([]);
  });

  it('cannot open a body once its key is destroyed, nor seal it again', async () => {
    const cipher = new EvidenceCipher(vault);
    const sealedBody = (await cipher.seal(digest, body))!;
    await vault.destroy(EvidenceCipher.keyIdFor(digest));
    expect(await cipher.open(digest, sealedBody)).toBeUndefined();
    expect(await cipher.seal(digest, body)).toBeUndefined();
  });
});
