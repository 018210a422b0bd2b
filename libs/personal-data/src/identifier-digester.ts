import { createHmac } from 'node:crypto';
import { DomainError, IdentifierDigest, normaliseIdentifier } from '@app/contracts';

/**
 * Turns learner identifiers into keyed digests (HMAC-SHA-256 with a secret pepper), so
 * equal identifiers link records without the identifier ever being stored. The value is
 * normalised by its scheme first (libs/contracts/reference/identifier-schemes.json): an
 * e-mail is lower-cased, a national number loses its spaces and hyphens, so `Aroha@…` and
 * `aroha@…` are one learner. The scheme is kept in clear, upper-case.
 */
export class IdentifierDigester {
  constructor(private readonly pepper: Buffer) {
    if (pepper.length < 32) throw new Error('the identifier pepper must be at least 32 bytes');
  }

  /** Throws InvalidIdentifierError for an unknown scheme or a value its scheme refuses. */
  digest(scheme: string, value: string): IdentifierDigest {
    const n = normaliseIdentifier(scheme, value);
    if (!n.ok) throw new InvalidIdentifierError(n.field, n.reason);
    const digest = createHmac('sha256', this.pepper).update(`${n.scheme}\u0000${n.value}`).digest('hex');
    return { scheme: n.scheme, digest };
  }
}

/** Carries no part of the identifier: the reason names the scheme and the rule only. */
export class InvalidIdentifierError extends DomainError {
  constructor(
    readonly field: 'scheme' | 'value',
    reason: string,
  ) {
    super(field === 'scheme' ? 'IDENTIFIER.UNKNOWN_SCHEME' : 'IDENTIFIER.INVALID', reason);
  }
}
