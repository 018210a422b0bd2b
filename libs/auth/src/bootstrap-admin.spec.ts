import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyService } from './api-key.service';
import { ensureBootstrapAdminKey } from './bootstrap-admin';

describe('ensureBootstrapAdminKey file modes', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-admin-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  // File modes only: the key service is a stand-in that has never seen the key.
  const keys = { state: async () => ({}), record: async () => undefined } as unknown as ApiKeyService;
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('creates the key 0600 in a new 0700 directory', async () => {
    const dir = join(root, 'fresh');
    const { file, created } = await ensureBootstrapAdminKey(dir, keys);
    expect(created).toBe(true);
    expect([mode(dir), mode(file)]).toEqual([0o700, 0o600]);
  });

  it('closes a key file left readable by others', async () => {
    const dir = join(root, 'old');
    const { file } = await ensureBootstrapAdminKey(dir, keys);
    chmodSync(file, 0o644);
    await ensureBootstrapAdminKey(dir, keys);
    expect(mode(file)).toBe(0o600);
  });
});
