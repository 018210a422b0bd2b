import { IdentifierDigest } from '@app/contracts';

export const LearnerCollections = {
  learners: 'records.learners',
  identifiers: 'records.learner-identifiers',
  credentials: 'records.learner-credentials',
} as const;

/**
 * A learner record as the read model holds it: the digests claimed for it, and whether it
 * was merged into another (it then answers as that one until a split undoes the merge). The
 * credentials it holds are documents of their own (HeldCredential, by credentialId), so a
 * learner with many credentials never makes one document grow with each.
 * (`mergedInto` is top-level so the learners merged into one can be found.)
 */
export interface LearnerView {
  learnerId: string;
  identifiers: IdentifierDigest[];
  mergedInto?: string;
}

/**
 * The learner a credential was linked to, or split off to. The learner holding it now is
 * that one, or the one it was merged into: a merge moves no credential, so a split of
 * exactly what a merged learner holds gives them back to it.
 */
export interface HeldCredential {
  credentialId: string;
  learnerId: string;
  providerId: string;
}

/** Claim of one identifier digest, by `${scheme}:${digest}`. */
export interface IdentifierClaimView {
  learnerId: string;
}

export const identifierKey = (d: IdentifierDigest): string => `${d.scheme}:${d.digest}`;

export function emptyLearner(learnerId: string): LearnerView {
  return { learnerId, identifiers: [] };
}
