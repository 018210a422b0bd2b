import { AchievementDefined, EventTypes, ProviderRegistered } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import { decideAchievement, DefineAchievement } from '../achievement/achievement.decider';
import { evolveAchievement, initialAchievementState } from '../achievement/achievement.state';
import { decideRegisterProvider } from './provider.decider';
import { evolveProvider, initialProviderState } from './provider.state';

const provider: ProviderRegistered = { providerId: 'uni-a', name: 'University A', jurisdiction: 'NZ', kind: 'university' };
const registered = { type: EventTypes.ProviderRegistered, data: provider };

describe('provider decider', () => {
  const spec = deciderSpec({ initial: initialProviderState, evolve: evolveProvider, decide: decideRegisterProvider });
  describe('when not registered', () => {
    it('registers', () => spec.given([]).when(provider).then([registered]));
  });
  describe('when registered', () => {
    it('refuses a second registration', () => spec.given([registered]).when(provider).thenRefuses('PROVIDER.ALREADY_REGISTERED'));
  });
});

describe('achievement decider', () => {
  const achievement = { achievementId: 'a6c1f1f0-1111-4222-8333-444455556666', providerId: 'uni-a', title: 'Data literacy' } as AchievementDefined;
  const define = (registeredProvider: ProviderRegistered | null = provider): DefineAchievement => ({
    type: 'DefineAchievement', provider: registeredProvider ? { registered: registeredProvider } : {}, achievement,
  });
  const spec = deciderSpec({ initial: initialAchievementState, evolve: evolveAchievement, decide: decideAchievement });
  describe('when not defined', () => {
    it('defines it for a registered provider', () => spec.given([]).when(define()).then([{ type: EventTypes.AchievementDefined, data: achievement }]));
    it('refuses an unregistered provider', () => spec.given([]).when(define(null)).thenRefuses('PROVIDER.NOT_FOUND'));
  });
  describe('when defined', () => {
    it('refuses to define it again', () =>
      spec.given([{ type: EventTypes.AchievementDefined, data: achievement }]).when(define()).thenRefuses('ACHIEVEMENT.ALREADY_DEFINED'));
  });
});
