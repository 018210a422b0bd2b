import { Streams } from '@app/contracts';
import { appended, projectTwice } from '@app/testing';
import { LEARNER_LINKS, LearnerLinksProjection } from './learner-links.projection';

const [l1, l2, l3] = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
const c3 = 'cccccccc-3333-4333-8333-333333333333';
const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T00:00:00.000Z`;

describe('LearnerLinksProjection', () => {
  it('indexes, for each learner, the learner streams whose merges and splits name it', async () => {
    const log = [
      appended(Streams.learner(l1), { type: 'LearnerRecordsMerged', data: { learnerIds: [l1, l2], into: l1, reason: 'same person' } }, at(1)),
      appended(Streams.learner(l1), { type: 'LearnerRecordsSplit', data: { learnerId: l1, credentialIds: [c3], newLearnerId: l2, reason: 'not the same' } }, at(2)),
      appended(Streams.learner(l3), { type: 'LearnerRecordsMerged', data: { learnerIds: [l3, l2], into: l3, reason: 'same person' } }, at(3)),
    ];
    const projected = await projectTwice(new LearnerLinksProjection(), log);
    expect(projected.parked).toEqual([]);
    expect(projected.rebuilt).toEqual(projected.incremental);
    expect(projected.rebuilt[LEARNER_LINKS]).toEqual([{ learnerId: l2, namedBy: [l1, l3] }]);
  });
});
