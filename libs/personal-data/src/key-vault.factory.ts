import { join, resolve } from 'node:path';
import { randomHex, readOrCreateSecretFile } from '@app/ledger-crypto';
import { KeyVault } from './key-vault.port';

/**
 * Opens the vault `VAULT` names (`sqlite:<file>`), with its master key from
 * LEDGER_VAULT_KEY or, on one machine, `$DATA_DIR/vault-master.key` (0600).
 */
export async function openKeyVault(url: string, dataDir: string, masterKeyHex?: string): Promise<KeyVault> {
  const master = Buffer.from(masterKeyHex ?? readOrCreateSecretFile(join(dataDir, 'vault-master.key'), () => randomHex(32)).value, 'hex');
  if (url.startsWith('sqlite:')) {
    const { SqliteKeyVault } = await import('./adapters/sqlite/sqlite-key-vault');
    return new SqliteKeyVault(resolve(url.slice('sqlite:'.length)), master);
  }
  throw new Error(`VAULT: unsupported URL "${url}" (use sqlite:<file>)`);
}
