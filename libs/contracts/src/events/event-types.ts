/** Every event type name the ledger writes. Names are the contract; never rename. */
export const EventTypes = {
  ProviderRegistered: 'ProviderRegistered',
  AchievementDefined: 'AchievementDefined',
  AchievementRevised: 'AchievementRevised',
  AchievementRetired: 'AchievementRetired',
  ProviderSigningKeyAdded: 'ProviderSigningKeyAdded',
  ProviderSigningKeyRevoked: 'ProviderSigningKeyRevoked',
  ProviderSigningPolicySet: 'ProviderSigningPolicySet',
  CredentialIssued: 'CredentialIssued',
  CredentialAmended: 'CredentialAmended',
  CredentialSuspended: 'CredentialSuspended',
  CredentialReinstated: 'CredentialReinstated',
  CredentialRevoked: 'CredentialRevoked',
  CredentialExpired: 'CredentialExpired',
  ApiKeyIssued: 'ApiKeyIssued',
  ApiKeyRevoked: 'ApiKeyRevoked',
  QualityAssuranceBodyRegistered: 'QualityAssuranceBodyRegistered',
  JurisdictionPolicyPublished: 'JurisdictionPolicyPublished',
  ProviderAccredited: 'ProviderAccredited',
  AccreditationSuspended: 'AccreditationSuspended',
  AccreditationReinstated: 'AccreditationReinstated',
  AccreditationWithdrawn: 'AccreditationWithdrawn',
  AchievementApproved: 'AchievementApproved',
  AchievementApprovalDeclined: 'AchievementApprovalDeclined',
  AchievementApprovalWithdrawn: 'AchievementApprovalWithdrawn',
} as const;

export type EventType = (typeof EventTypes)[keyof typeof EventTypes];
