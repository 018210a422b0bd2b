import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'clk';

export interface ParsedKey {
  keyId: string;
  secret: string;
}

/** A new key: `clk_<keyId>_<secret>`, 96-bit id for lookup and 256-bit secret. */
export function generateApiKey(): { apiKey: string; keyId: string; secretHash: string } {
  const keyId = randomBytes(12).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { apiKey: `${PREFIX}_${keyId}_${secret}`, keyId, secretHash: hashSecret(secret) };
}

export function parseApiKey(apiKey: string): ParsedKey | undefined {
  const m = /^clk_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/.exec(apiKey);
  return m ? { keyId: m[1], secret: m[2] } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, expectedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(expectedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
