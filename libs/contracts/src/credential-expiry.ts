/**
 * The one expiry rule. A credential that is live (issued or suspended) and whose
 * validUntil has come is expired: the credential decider writes CredentialExpired on it,
 * and verification answers `expired` on it even before the scheduler's next pass has
 * written that event. Revoked stays revoked; a credential without validUntil never expires.
 */
export function isExpiredAt(credential: { status: string; validUntil?: string }, now: Date | string): boolean {
  if (credential.status !== 'issued' && credential.status !== 'suspended') return false;
  if (credential.validUntil === undefined) return false;
  return Date.parse(credential.validUntil) <= (typeof now === 'string' ? Date.parse(now) : now.getTime());
}
