import { CredentialIssued, IdentifierDigest, nameBasedId, uuidNamespace } from '@app/contracts';

/** Namespace of learner ids derived from the id of the credential event that opened the record. */
const LEARNER_NS = uuidNamespace('5b0e4a8e-7d1c-5f43-9a51-2f3c6c1d8e27');

/** The learner a credential would open: the same credential event always gives the same id, so a replay opens nothing new. */
export function learnerIdFor(credentialEventId: string): string {
  return nameBasedId(credentialEventId, LEARNER_NS);
}

export const claimKey = (d: IdentifierDigest): string => `${d.scheme}\u0000${d.digest}`;

/** The digests of a holder, each once, in one fixed order: racing resolvers claim shared digests in the same order. */
export function holderDigests(credential: CredentialIssued): IdentifierDigest[] {
  const byKey = new Map(credential.holder.identifierDigests.map((d) => [claimKey(d), { scheme: d.scheme, digest: d.digest }]));
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}

/** What to do with a credential, given who (if anyone) already claimed each of its digests. */
export type Resolution =
  | { kind: 'link'; learnerId: string; open: boolean; claim: IdentifierDigest[] }
  | { kind: 'conflict'; learnerIds: string[] }
  | { kind: 'none' };

/**
 * The rule of identity resolution (issue 11, item 1): an exact (scheme, digest) match links
 * the credential to that learner, and its new digests join the learner; no match opens a
 * record; matches on two different learners link to neither — a person decides (merge),
 * the ledger never guesses. Claims this very credential made on an earlier round (its own
 * derived learner, not opened until every claim is won) are provisional: a retry resumes
 * them, and when a racing credential won another of the digests they pass to its learner.
 */
export function resolve(credentialEventId: string, digests: IdentifierDigest[], owners: Map<string, string>): Resolution {
  if (digests.length === 0) return { kind: 'none' };
  const own = learnerIdFor(credentialEventId);
  const others = new Set(digests.map((d) => owners.get(claimKey(d))).filter((l): l is string => l !== undefined && l !== own));
  if (others.size > 1) return { kind: 'conflict', learnerIds: [...others].sort() };
  const [owner] = [...others];
  const learnerId = owner ?? own;
  return { kind: 'link', learnerId, open: owner === undefined, claim: digests.filter((d) => owners.get(claimKey(d)) !== learnerId) };
}
