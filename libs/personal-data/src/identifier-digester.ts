import { createHmac } from 'node:crypto';
import { IdentifierDigest } from '@app/contracts';

/**
 * Turns learner identifiers into keyed digests (HMAC-SHA-256 with a secret pepper), so
 * equal identifiers link records without the identifier ever being stored. The scheme
 * is normalised to upper case and kept in clear; the value is trimmed.
 */
export class IdentifierDigester {
  constructor(private readonly pepper: Buffer) {
    if (pepper.length < 32) throw new Error('the identifier pepper must be at least 32 bytes');
  }

  digest(scheme: string, value: string): IdentifierDigest {
    const normalisedScheme = scheme.trim().toUpperCase();
    const digest = createHmac('sha256', this.pepper).update(`${normalisedScheme}\u0000${value.trim()}`).digest('hex');
    return { scheme: normalisedScheme, digest };
  }
}
