import { AchievementSpec, EventTypes, Streams } from '@app/contracts';
import { appended, projectTwice, ProjectedTwice } from '@app/testing';
import { ACHIEVEMENT_REVISIONS, AchievementRevisions, AchievementRevisionsProjection, revisionAt } from './achievement-revisions.projection';

const providerId = 'uni-a';
const achievementId = '6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const spec: AchievementSpec = {
  title: 'Data Literacy Foundations', learningOutcomes: ['Interpret descriptive statistics'],
  workload: { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } }, level: { framework: 'NZQCF', value: 5 },
  assessment: { type: 'portfolio', supervised: false, identityVerified: true }, participation: 'online', language: 'en',
};

const log = [
  appended(Streams.achievement(achievementId), { type: EventTypes.AchievementDefined, data: { ...spec, achievementId, providerId } }, '2026-01-02T00:00:00.000Z'),
  appended(Streams.achievement(achievementId), { type: EventTypes.AchievementRevised, data: { achievementId, providerId, spec: { ...spec, title: 'Data Literacy', workload: { hours: 200 } }, reason: 'more' } }, '2026-03-02T00:00:00.000Z'),
  appended(Streams.achievement(achievementId), { type: EventTypes.AchievementRetired, data: { achievementId, providerId, reason: 'superseded' } }, '2026-08-01T00:00:00.000Z'),
  // A revision of an achievement this read model never saw defined: nothing to add to.
  appended(Streams.achievement('9f9f9f9f-9f9f-4f9f-8f9f-9f9f9f9f9f9f'), { type: EventTypes.AchievementRevised, data: { achievementId: '9f9f9f9f-9f9f-4f9f-8f9f-9f9f9f9f9f9f', providerId, spec, reason: 'x' } }, '2026-08-02T00:00:00.000Z'),
];

describe('AchievementRevisionsProjection', () => {
  let projected: ProjectedTwice;
  beforeAll(async () => {
    projected = await projectTwice(new AchievementRevisionsProjection(), log);
  });

  describe('when an achievement is defined, revised and retired', () => {
    it('keeps every revision with the position it took effect at', () => {
      const [doc] = projected.incremental[ACHIEVEMENT_REVISIONS] as AchievementRevisions[];
      expect(doc.revisions.map((r) => [r.revision, r.title, r.workload])).toEqual([
        [1, 'Data Literacy Foundations', { hours: 150, credits: { system: 'NZQCF-credit', value: 15 } }], [2, 'Data Literacy', { hours: 200 }],
      ]);
      expect(doc.revisions[0].position).toBeLessThan(doc.revisions[1].position);
      expect(projected.incremental[ACHIEVEMENT_REVISIONS]).toHaveLength(1);
      expect(projected.parked).toEqual([]);
    });

    it('finds the revision in force at a position: the last at or before it', () => {
      const [doc] = projected.incremental[ACHIEVEMENT_REVISIONS] as AchievementRevisions[];
      const [first, second] = doc.revisions;
      expect(revisionAt(doc.revisions, first.position - 1)).toBeUndefined();
      expect(revisionAt(doc.revisions, first.position)?.revision).toBe(1);
      expect(revisionAt(doc.revisions, second.position - 1)?.revision).toBe(1);
      expect(revisionAt(doc.revisions, second.position + 10)?.revision).toBe(2);
    });
  });

  describe('when the read model is rebuilt from the log in one replay', () => {
    it('builds the very same rows as event by event', () => expect(projected.rebuilt).toEqual(projected.incremental));
  });
});
