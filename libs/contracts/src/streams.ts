/** Stream names (docs/architecture.md, Events), in one place. */
export const Streams = {
  provider: (id: string) => `provider-${id}`,
  achievement: (id: string) => `achievement-${id}`,
  credential: (id: string) => `credential-${id}`,
  bulkAction: (id: string) => `bulk-${id}`,
  qaBody: (id: string) => `qabody-${id}`,
  accreditation: (id: string) => `accreditation-${id}`,
  approval: (achievementId: string) => `approval-${achievementId}`,
  policy: (jurisdiction: string) => `policy-${jurisdiction}`,
  learner: (id: string) => `learner-${id}`,
  /** The claim of one identifier digest by one learner: written once, with expected revision no-stream. */
  identityClaim: (scheme: string, digest: string) => `identity-${scheme}-${digest}`,
  identityConflict: (credentialId: string) => `identityconflict-${credentialId}`,
  discrepancy: (id: string) => `discrepancy-${id}`,
  partner: (id: string) => `partner-${id}`,
  /** A learner's consents to partners: apart from `learner-{id}`, so its decider appends with an expected revision. */
  consent: (learnerId: string) => `consent-${learnerId}`,
  apiKey: (keyId: string) => `apikey-${keyId}`,
  /** Who read a learner's data, when and why (access audit): apart from `learner-{id}`, appended without expected revision. */
  access: (learnerId: string) => `access-${learnerId}`,
  stack: (id: string) => `stack-${id}`,
  checkpoints: 'ledger-checkpoints',
} as const;

/** The category of a stream: the part before the first dash. */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}
