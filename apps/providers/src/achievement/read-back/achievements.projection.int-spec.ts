import { AchievementDefined, EventTypes, Streams } from '@app/contracts';
import { appended, projectTwice, ProjectedTwice } from '@app/testing';
import { PROVIDER_ACHIEVEMENTS, ProviderAchievementsProjection } from './achievements.projection';

const a1 = '6d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const a2 = '7e1a2b3c-4d5e-4f6a-8b9c-0d1e2f3a4b5c';
const defined = (achievementId: string, providerId: string, title: string) =>
  appended(Streams.achievement(achievementId), { type: EventTypes.AchievementDefined, data: { achievementId, providerId, title } as AchievementDefined }, '2026-01-01T00:00:00.000Z');

const log = [
  defined(a1, 'uni-a', 'Data literacy'),
  defined(a2, 'uni-b', 'Welding'),
  appended(Streams.achievement(a1), { type: EventTypes.AchievementRevised, data: { achievementId: a1, providerId: 'uni-a', spec: { title: 'Data literacy II' } as AchievementDefined, reason: 'r' } }, '2026-02-01T00:00:00.000Z'),
  appended(Streams.achievement(a1), { type: EventTypes.AchievementRetired, data: { achievementId: a1, providerId: 'uni-a', reason: 'superseded' } }, '2026-03-01T00:00:00.000Z'),
];

describe('ProviderAchievementsProjection', () => {
  let projected: ProjectedTwice;
  beforeAll(async () => {
    projected = await projectTwice(new ProviderAchievementsProjection(), log);
  });

  it('lists each achievement under its provider with its current revision and title', () => {
    expect(projected.incremental[PROVIDER_ACHIEVEMENTS]).toEqual([
      expect.objectContaining({ achievementId: a1, providerId: 'uni-a', title: 'Data literacy II', currentRevision: 2, retired: true }),
      expect.objectContaining({ achievementId: a2, providerId: 'uni-b', title: 'Welding', currentRevision: 1, retired: false }),
    ]);
  });

  it('rebuilds the very same rows in one replay', () => expect(projected.rebuilt).toEqual(projected.incremental));
});
