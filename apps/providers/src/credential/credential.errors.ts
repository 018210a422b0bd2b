import { DomainError } from '@app/contracts';

/** Stable codes a provider's developer can branch on; messages say what to do. */
export const CredentialErrors = {
  alreadyIssued: () => new DomainError('CREDENTIAL.ALREADY_ISSUED', 'a credential with this credentialRef was already issued; use CredentialAmended to change it'),
  notIssued: () => new DomainError('CREDENTIAL.NOT_ISSUED', 'no credential with this credentialRef has been issued by this provider'),
  alreadyRevoked: () => new DomainError('CREDENTIAL.ALREADY_REVOKED', 'the credential is revoked; revocation is final'),
  alreadySuspended: () => new DomainError('CREDENTIAL.ALREADY_SUSPENDED', 'the credential is already suspended'),
  notSuspended: () => new DomainError('CREDENTIAL.NOT_SUSPENDED', 'only a suspended credential can be reinstated'),
  expired: () => new DomainError('CREDENTIAL.EXPIRED', 'the credential has expired; it can only be revoked'),
  nothingToAmend: () => new DomainError('CREDENTIAL.NOTHING_TO_AMEND', 'an amendment must change validUntil or grade'),
  invalidValidity: () => new DomainError('CREDENTIAL.INVALID_VALIDITY', 'validUntil must be later than issuedAt'),
  achievementNotFound: () => new DomainError('ACHIEVEMENT.NOT_FOUND', 'no achievement with this achievementId is defined; define it first'),
  achievementOtherProvider: () => new DomainError('ACHIEVEMENT.OTHER_PROVIDER', 'the achievement belongs to another provider'),
  achievementRetired: () => new DomainError('ACHIEVEMENT.RETIRED', 'the achievement is retired; credentials can no longer be issued for it'),
};
