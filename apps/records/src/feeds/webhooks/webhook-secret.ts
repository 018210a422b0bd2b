import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateSecretFile } from '@app/ledger-crypto';

/**
 * A partner's webhook signing secret (Standard Webhooks: `whsec_` + base64 of 32 random bytes),
 * kept in DATA_DIR beside the other secrets (0600), never in an event: the log is copied and
 * retained, a signing secret must not be. Created on first use.
 */
export function webhookSecret(dataDir: string, partnerId: string): string {
  return readOrCreateSecretFile(join(dataDir, 'webhook-secrets', partnerId), () => `whsec_${randomBytes(32).toString('base64')}`).value;
}
