import { createHash } from 'node:crypto';

/** SHA-256 of the exact bytes received: what a batch signature covers. */
export function bodyDigest(body: Buffer | string): Buffer {
  return createHash('sha256').update(body).digest();
}
