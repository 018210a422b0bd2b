import { IdentifierDigest } from '@app/contracts';

export const LearnerCollections = {
  learners: 'records.learners',
  identifiers: 'records.learner-identifiers',
} as const;

export interface HeldCredential {
  credentialId: string;
  providerId: string;
}

/**
 * A learner record as the read model holds it. `credentials` are those it holds now (after
 * merges and splits); `identifiers` are the digests claimed for it. A learner merged into
 * another answers as that one (`mergedInto`) until a split undoes the merge.
 */
export interface LearnerView {
  learnerId: string;
  credentials: HeldCredential[];
  identifiers: IdentifierDigest[];
  mergedInto?: string;
  /** Learners merged into this one and the credentials each brought: a split of exactly those undoes the merge. */
  mergedFrom: { learnerId: string; credentialIds: string[] }[];
}

/** Claim of one identifier digest, by `${scheme}:${digest}`. */
export interface IdentifierClaimView {
  learnerId: string;
}

export const identifierKey = (d: IdentifierDigest): string => `${d.scheme}:${d.digest}`;

export function emptyLearner(learnerId: string): LearnerView {
  return { learnerId, credentials: [], identifiers: [], mergedFrom: [] };
}
