import { Streams } from '@app/contracts';
import { appended, projectTwice, ProjectedTwice } from '@app/testing';
import { LearnerCollections } from './learner-view';
import { LearnersProjection } from './learners.projection';

const [l1, l2] = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
const [c1, c2, c3] = ['aaaaaaaa-1111-4111-8111-111111111111', 'bbbbbbbb-2222-4222-8222-222222222222', 'cccccccc-3333-4333-8333-333333333333'];
const nsn = { scheme: 'NZ-NSN', digest: 'a'.repeat(64) };
const email = { scheme: 'EMAIL', digest: 'b'.repeat(64) };
const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T00:00:00.000Z`;

const log = [
  appended(Streams.identityClaim(nsn.scheme, nsn.digest), { type: 'LearnerIdentifierLinked', data: { learnerId: l1, ...nsn, credentialId: c1 } }, at(1)),
  appended(Streams.learner(l1), { type: 'LearnerRecordOpened', data: { learnerId: l1, openedBy: { credentialId: c1 } } }, at(1)),
  appended(Streams.learner(l1), { type: 'LearnerCredentialLinked', data: { learnerId: l1, credentialId: c1, providerId: 'uni-a' } }, at(1)),
  appended(Streams.learner(l1), { type: 'LearnerCredentialLinked', data: { learnerId: l1, credentialId: c2, providerId: 'poly-b' } }, at(2)),
  appended(Streams.identityClaim(email.scheme, email.digest), { type: 'LearnerIdentifierLinked', data: { learnerId: l2, ...email, credentialId: c3 } }, at(3)),
  appended(Streams.learner(l2), { type: 'LearnerRecordOpened', data: { learnerId: l2, openedBy: { credentialId: c3 } } }, at(3)),
  appended(Streams.learner(l2), { type: 'LearnerCredentialLinked', data: { learnerId: l2, credentialId: c3, providerId: 'uni-c' } }, at(3)),
  appended(Streams.learner(l1), { type: 'LearnerRecordsMerged', data: { learnerIds: [l1, l2], into: l1, reason: 'same person' } }, at(4)),
];

describe('LearnersProjection', () => {
  it('holds identifiers and credentials per learner; a merge points the merged learner at the other, moving nothing', async () => {
    const projected: ProjectedTwice = await projectTwice(new LearnersProjection(), log);
    expect(projected.parked).toEqual([]);
    expect(projected.rebuilt).toEqual(projected.incremental);
    expect(projected.rebuilt[LearnerCollections.learners]).toEqual([{ learnerId: l1, identifiers: [nsn] }, { learnerId: l2, identifiers: [email], mergedInto: l1 }]);
    expect(projected.rebuilt[LearnerCollections.credentials]).toEqual([
      { credentialId: c1, learnerId: l1, providerId: 'uni-a' }, { credentialId: c2, learnerId: l1, providerId: 'poly-b' }, { credentialId: c3, learnerId: l2, providerId: 'uni-c' },
    ]);
  });

  it('a split of what the merged learner holds undoes the merge', async () => {
    const split = appended(Streams.learner(l1), { type: 'LearnerRecordsSplit', data: { learnerId: l1, credentialIds: [c3], newLearnerId: l2, reason: 'not the same' } }, at(5));
    const projected = await projectTwice(new LearnersProjection(), [...log, split]);
    expect(projected.rebuilt).toEqual(projected.incremental);
    expect(projected.rebuilt[LearnerCollections.learners]).toEqual([{ learnerId: l1, identifiers: [nsn] }, { learnerId: l2, identifiers: [email] }]);
  });
});
