import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { generateApiKey, hashSecret, parseApiKey } from './api-key';
import { ApiKeyService } from './api-key.service';
import { apiKeyStatus } from './api-key.state';
import { readOrCreateSecretFile } from '@app/ledger-crypto';

/**
 * Makes sure an admin key exists: on first start a key is generated, written to
 * `$DATA_DIR/admin.key` (0600) and recorded as an event. Only the path is ever printed.
 * Deleting the file gives a new admin key on the next start: the way back in if every
 * admin key was revoked or rotated out.
 */
export async function ensureBootstrapAdminKey(dataDir: string, keys: ApiKeyService): Promise<{ file: string; created: boolean }> {
  const file = join(dataDir, 'admin.key');
  const { value, created } = readOrCreateSecretFile(file, () => generateApiKey().apiKey);
  // A key file an earlier version (or a copy by hand) left readable by others is closed again.
  chmodSync(file, 0o600);
  const parsed = parseApiKey(value);
  if (!parsed) throw new Error(`${file} does not hold a valid API key; delete it to have a new one generated`);
  const state = await keys.state(parsed.keyId);
  if (!state.issued) {
    await keys.record(
      { keyId: parsed.keyId, secretHash: hashSecret(parsed.secret), role: 'admin', scope: {}, label: 'bootstrap admin' },
      { role: 'system', id: 'bootstrap' },
    );
  } else if (apiKeyStatus(state, Date.now()) !== 'active') {
    new Logger('ApiKeys').warn(`the admin key in ${file} is ${apiKeyStatus(state, Date.now())}; delete the file and restart to get a new one`);
  }
  return { file, created };
}
