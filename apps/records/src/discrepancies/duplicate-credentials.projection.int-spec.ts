import { EventTypes, Streams } from '@app/contracts';
import { appended, projectTwice, ProjectedTwice } from '@app/testing';
import { PendingDiscrepancy, PendingSupersession } from '../standing/standing.projection';
import { duplicateDiscrepancyId, DuplicateCollections, DuplicateCredentialsProjection, issueDate, sameAward } from './duplicate-credentials.projection';

const providerId = 'uni-dup';
const achievementId = '6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const otherAchievement = '6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5c';
const learnerA = '2a000000-0000-4000-8000-00000000000a';
const learnerB = '2b000000-0000-4000-8000-00000000000b';
const learnerC = '2c000000-0000-4000-8000-00000000000c';
const cred = (n: number) => `1a2b3c4d-0000-4000-8000-00000000000${n}`;
const issued = (n: number, issuedAt: string, achievement = achievementId) => appended(Streams.credential(cred(n)), {
  type: EventTypes.CredentialIssued, data: { credentialId: cred(n), credentialRef: `REF-${n}`, providerId, achievementId: achievement, holder: { identifierDigests: [] }, issuedAt },
}, '2026-03-01T00:00:00.000Z');
const linked = (n: number, learnerId: string) => appended(Streams.learner(learnerId), { type: EventTypes.LearnerCredentialLinked, data: { learnerId, credentialId: cred(n), providerId } }, '2026-03-01T00:00:00.000Z');

const log = [
  appended(Streams.provider(providerId), { type: EventTypes.ProviderRegistered, data: { providerId, name: 'Uni Dup', jurisdiction: 'AU', kind: 'university' } }, '2026-01-01T00:00:00.000Z'),
  // Learner A: 1 and 2 are the same award on the same UTC date (different refs); 3 is another achievement; 4 another date.
  issued(1, '2026-02-10T01:00:00.000Z'), linked(1, learnerA),
  issued(2, '2026-02-10T23:30:00+00:00'), linked(2, learnerA),
  issued(3, '2026-02-10T01:00:00.000Z', otherAchievement), linked(3, learnerA),
  // 2026-02-11T08:00+10:00 is 2026-02-10T22:00Z: the same UTC date as 1 and 2, so it is a duplicate too.
  issued(4, '2026-02-11T08:00:00+10:00'), linked(4, learnerB),
  issued(5, '2026-02-12T00:00:00.000Z'), linked(5, learnerC),
  // Only the merge of B into A makes 4 a duplicate (of 1, the first of that award in A); C stays apart (its credential is on another date).
  appended(Streams.learner(learnerA), { type: EventTypes.LearnerRecordsMerged, data: { learnerIds: [learnerA, learnerB], into: learnerA, reason: 'same person' } }, '2026-03-02T00:00:00.000Z'),
  appended(Streams.learner(learnerA), { type: EventTypes.LearnerRecordsMerged, data: { learnerIds: [learnerA, learnerB], into: learnerA, reason: 'same person again' } }, '2026-03-03T00:00:00.000Z'),
  // Revoked, then reissued the same day under another ref (a correction): 6 was revoked before 7 came, so no duplicate.
  issued(6, '2026-02-20T01:00:00.000Z'), linked(6, learnerC),
  appended(Streams.credential(cred(6)), { type: EventTypes.CredentialRevoked, data: { credentialId: cred(6), credentialRef: 'REF-6', providerId, reason: 'wrong grade' } }, '2026-03-04T00:00:00.000Z'),
  issued(7, '2026-02-20T05:00:00.000Z'), linked(7, learnerC),
  // Revoking 4 later makes the duplicate it is part of moot.
  appended(Streams.credential(cred(4)), { type: EventTypes.CredentialRevoked, data: { credentialId: cred(4), credentialRef: 'REF-4', providerId, reason: 'issued twice' } }, '2026-03-05T00:00:00.000Z'),
];

describe('duplicate-credential rules', () => {
  it('judges the issue date as the UTC calendar date', () => {
    expect(issueDate('2026-02-11T08:00:00+10:00')).toBe('2026-02-10');
    expect(issueDate('2026-02-10T23:59:59Z')).toBe('2026-02-10');
  });

  it('needs the same provider, achievement and date', () => {
    const a = { providerId: 'p', achievementId: 'x', issuedOn: '2026-02-10' };
    expect(sameAward(a, { ...a })).toBe(true);
    expect(sameAward(a, { ...a, providerId: 'q' })).toBe(false);
    expect(sameAward(a, { ...a, achievementId: 'y' })).toBe(false);
    expect(sameAward(a, { ...a, issuedOn: '2026-02-11' })).toBe(false);
  });

  it('gives a pair one id whichever credential came first', () => {
    expect(duplicateDiscrepancyId([cred(1), cred(2)])).toBe(duplicateDiscrepancyId([cred(2), cred(1)]));
    expect(duplicateDiscrepancyId([cred(1), cred(2)])).not.toBe(duplicateDiscrepancyId([cred(1), cred(4)]));
  });
});

describe('DuplicateCredentialsProjection', () => {
  let projected: ProjectedTwice;
  beforeAll(async () => {
    projected = await projectTwice(new DuplicateCredentialsProjection(), log);
  });

  it('queues one duplicate-credential per newcomer (against the first live credential of the award), on linking and on a merge, naming credentials and learners only', () => {
    const pending = projected.incremental[DuplicateCollections.pending] as PendingDiscrepancy[];
    expect(pending.map((p) => p.subject!.credentialIds).sort()).toEqual([[cred(1), cred(2)], [cred(1), cred(4)]].sort());
    const fromLink = pending.find((p) => p.discrepancyId === duplicateDiscrepancyId([cred(1), cred(2)]))!;
    expect(fromLink).toMatchObject({
      kind: 'duplicate-credential', jurisdiction: 'AU', credentialId: cred(2),
      subject: { credentialId: cred(2), credentialIds: [cred(1), cred(2)], providerId, achievementId, learnerIds: [learnerA] },
    });
    expect(fromLink.details[0]).toContain('2026-02-10 (UTC date)');
    const fromMerge = pending.find((p) => p.discrepancyId === duplicateDiscrepancyId([cred(1), cred(4)]))!;
    expect(fromMerge.subject!.learnerIds).toEqual([learnerA, learnerB]);
    expect(fromMerge.details[0]).toContain('merged');
    expect(projected.parked).toEqual([]);
  });

  it('takes a revoked credential for no duplicate, and supersedes the duplicates of one revoked later', () => {
    const pending = projected.incremental[DuplicateCollections.pending] as PendingDiscrepancy[];
    expect(pending.some((p) => p.subject!.credentialIds!.includes(cred(7)))).toBe(false);
    const moot = projected.incremental[DuplicateCollections.superseded] as PendingSupersession[];
    expect(moot.map((m) => m.discrepancyId)).toEqual([duplicateDiscrepancyId([cred(1), cred(4)])]);
    expect(moot[0].reason).toMatch(new RegExp(`^CredentialRevoked \\(event [0-9a-f-]{36}, log position \\d+\\) revoked credential ${cred(4)}: the duplicate no longer holds$`));
  });

  it('builds the very same rows when replayed from an empty read store', () => expect(projected.rebuilt).toEqual(projected.incremental));
});

describe('DuplicateCredentialsProjection, when a split moves a credential to another record', () => {
  const learnerD = '2d000000-0000-4000-8000-00000000000d';
  const learnerE = '2e000000-0000-4000-8000-00000000000e';
  const split = appended(Streams.learner(learnerD), { type: EventTypes.LearnerRecordsSplit, data: { learnerId: learnerD, credentialIds: [cred(1)], newLearnerId: learnerE, reason: 'two people' } }, '2026-03-02T00:00:00.000Z');
  let projected: ProjectedTwice;
  beforeAll(async () => {
    projected = await projectTwice(new DuplicateCredentialsProjection(), [
      log[0],
      issued(1, '2026-02-10T01:00:00.000Z'), linked(1, learnerD),
      issued(3, '2026-02-10T01:00:00.000Z', otherAchievement), linked(3, learnerD),
      split,
      // The same award in each record after the split: a duplicate in the record 1 moved to, none in the one it left.
      issued(2, '2026-02-10T05:00:00.000Z'), linked(2, learnerE),
      issued(4, '2026-02-10T06:00:00.000Z'), linked(4, learnerD),
    ]);
  });

  it('raises none for the move; a newcomer is judged against the credentials each record holds after it', () => {
    const pending = projected.incremental[DuplicateCollections.pending] as PendingDiscrepancy[];
    expect(pending.map((p) => p.subject!.credentialIds)).toEqual([[cred(1), cred(2)]]);
    // The record holding both now, and the one that first held 1.
    expect([...pending[0].subject!.learnerIds!].sort()).toEqual([learnerD, learnerE]);
    expect(projected.parked).toEqual([]);
  });

  it('builds the very same rows when replayed from an empty read store', () => expect(projected.rebuilt).toEqual(projected.incremental));
});
