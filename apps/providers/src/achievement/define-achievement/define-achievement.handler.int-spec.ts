import { AchievementDefined, EventTypes, RequestContext, Streams } from '@app/contracts';
import { openEventStore } from '@app/event-store';
import { handlerSpec } from '@app/testing';
import { DefineAchievementCommand } from './define-achievement.command';
import { DefineAchievementHandler } from './define-achievement.handler';

const providerId = 'uni-def';
const registered = { type: EventTypes.ProviderRegistered, data: { providerId, name: 'Def', jurisdiction: 'NZ', kind: 'university' } };
const achievement = { achievementId: '9d2c6f5e-8a54-4c1b-9d1e-2b7f0a3c4d5e', providerId, title: 'Data literacy' } as AchievementDefined;
const ctx: RequestContext = { actor: { role: 'provider', id: 'k' }, channel: 'http', correlationId: 'c', now: '2026-11-01T00:00:00.000Z' };
const define = (a: AchievementDefined = achievement) => new DefineAchievementCommand(a, ctx);

describe('DefineAchievementHandler', () => {
  const spec = handlerSpec(() => openEventStore('sqlite::memory:'), (store) => new DefineAchievementHandler(store));
  const provider = { [Streams.provider(providerId)]: [registered] };

  describe('when the provider is registered', () => {
    it('defines the achievement', async () => {
      const run = await spec.given(provider).when(define());
      expect(run.result).toMatchObject({ achievementId: achievement.achievementId, created: true });
      expect(run.appended).toEqual([{ streamId: Streams.achievement(achievement.achievementId), type: EventTypes.AchievementDefined, data: achievement }]);
    });
  });

  describe('when the same achievement was already defined', () => {
    it('answers like the first call and appends nothing', async () => {
      const run = await spec.given({ ...provider, [Streams.achievement(achievement.achievementId)]: [{ type: EventTypes.AchievementDefined, data: { ...achievement } }] }).when(define());
      expect(run.result).toMatchObject({ created: false });
      expect(run.appended).toEqual([]);
    });
  });

  describe('when the same achievement was defined with a warning', () => {
    it('answers a retry like the first call: the warning is the ledger\'s, not part of the request', async () => {
      const mismatched = { ...achievement, workload: { hours: 20, credits: { system: 'NZQCF-credit', value: 15 } } } as AchievementDefined;
      const warnings = [{ code: 'WORKLOAD.CREDITS_HOURS_MISMATCH', field: 'workload.credits.value', message: 'stored' }];
      const run = await spec.given({ ...provider, [Streams.achievement(achievement.achievementId)]: [{ type: EventTypes.AchievementDefined, data: { ...mismatched, warnings } }] })
        .when(define(mismatched));
      expect(run.result).toMatchObject({ created: false });
      expect(run.appended).toEqual([]);
    });
  });

  describe('when another specification was defined under the id', () => {
    it('refuses', async () => {
      const run = await spec.given({ ...provider, [Streams.achievement(achievement.achievementId)]: [{ type: EventTypes.AchievementDefined, data: { ...achievement } }] })
        .when(define({ ...achievement, title: 'Something else' }));
      expect(run.error).toMatchObject({ code: 'ACHIEVEMENT.ALREADY_DEFINED' });
      expect(run.appended).toEqual([]);
    });
  });

  describe('when the provider is not registered', () => {
    it('refuses', async () => {
      const run = await spec.given({}).when(define());
      expect(run.error).toMatchObject({ code: 'PROVIDER.NOT_FOUND' });
    });
  });
});
