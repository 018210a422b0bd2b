import { AchievementDefined, EventTypes, LedgerEvent, ProviderRegistered } from '@app/contracts';
import { evolveAchievement, initialAchievementState } from './achievement-view';
import { evolveProvider, initialProviderState } from './provider-view';

const achievementId = 'a6c1f1f0-1111-4222-8333-444455556666';
const defined = { achievementId, providerId: 'uni-a', title: 'Data literacy', workload: { hours: 150 } } as AchievementDefined;

describe('QA views of provider events', () => {
  it('knows a provider by its registration and ignores its signing keys', () => {
    const registered: ProviderRegistered = { providerId: 'uni-a', name: 'Uni A', jurisdiction: 'NZ', kind: 'university' };
    const events: LedgerEvent[] = [
      { type: EventTypes.ProviderRegistered, data: registered },
      { type: EventTypes.ProviderSigningPolicySet, data: { providerId: 'uni-a', requireSignedBatches: true } },
    ];
    const state = events.reduce(evolveProvider, initialProviderState);
    expect(state).toEqual({ registered });
  });

  it('follows an achievement through revision and retirement', () => {
    const revised = { achievementId, providerId: 'uni-a', spec: { ...defined, title: 'Data literacy II' }, reason: 'clearer title' };
    const events: LedgerEvent[] = [{ type: EventTypes.AchievementDefined, data: defined }, { type: EventTypes.AchievementRevised, data: revised }];
    const live = events.reduce(evolveAchievement, initialAchievementState);
    expect(live).toMatchObject({ defined: { achievementId, providerId: 'uni-a', title: 'Data literacy II' }, retired: false });
    expect(evolveAchievement(live, { type: EventTypes.AchievementRetired, data: { achievementId, providerId: 'uni-a', reason: 'superseded' } }).retired).toBe(true);
  });
});
