import { claimKey, holderDigests, learnerIdFor, resolve } from './identity-resolution';

const nsn = { scheme: 'NZ-NSN', digest: 'a'.repeat(64) };
const email = { scheme: 'EMAIL', digest: 'b'.repeat(64) };
const eventId = '0b6f7c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b';
const learnerA = '11111111-1111-4111-8111-111111111111';
const learnerB = '22222222-2222-4222-8222-222222222222';
const claims = (...pairs: [typeof nsn, string][]) => new Map(pairs.map(([d, l]) => [claimKey(d), l]));

describe('identity resolution', () => {
  it('opens a record, derived from the credential event id, when no digest is claimed', () => {
    expect(resolve(eventId, [nsn, email], claims())).toEqual({ kind: 'link', learnerId: learnerIdFor(eventId), open: true, claim: [nsn, email] });
    expect(learnerIdFor(eventId)).toBe(learnerIdFor(eventId));
  });

  it('links to the one learner holding an exact match, and its new digests join that learner', () => {
    expect(resolve(eventId, [nsn, email], claims([nsn, learnerA]))).toEqual({ kind: 'link', learnerId: learnerA, open: false, claim: [email] });
  });

  it('links to neither when the digests belong to two different learners', () => {
    expect(resolve(eventId, [nsn, email], claims([nsn, learnerB], [email, learnerA]))).toEqual({ kind: 'conflict', learnerIds: [learnerA, learnerB] });
  });

  it('resumes its own earlier try instead of conflicting with itself', () => {
    const own = learnerIdFor(eventId);
    expect(resolve(eventId, [nsn, email], claims([nsn, own]))).toEqual({ kind: 'link', learnerId: own, open: true, claim: [email] });
  });

  it('passes its own provisional claims to the learner that won a race for another of its digests', () => {
    const own = learnerIdFor(eventId);
    expect(resolve(eventId, [email, nsn], claims([email, own], [nsn, learnerA]))).toEqual({ kind: 'link', learnerId: learnerA, open: false, claim: [email] });
  });

  it('writes nothing for a holder without identifiers', () => {
    expect(resolve(eventId, [], claims())).toEqual({ kind: 'none' });
  });

  it('takes each digest once, in one order, so racing resolvers claim shared digests in the same order', () => {
    const issued = { credentialId: eventId, credentialRef: 'R', providerId: 'uni-a', achievementId: eventId, issuedAt: '2026-01-01T00:00:00Z', holder: { identifierDigests: [email, nsn, email] } };
    expect(holderDigests(issued)).toEqual([email, nsn]);
  });
});
