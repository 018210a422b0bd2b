import { AchievementDefined, AchievementEvent, AchievementSpec, DomainError, EventTypes } from '@app/contracts';
import { ProviderState } from '../provider/provider.state';
import { AchievementState } from './achievement.state';

export type AchievementCommand =
  | { type: 'DefineAchievement'; provider: ProviderState; achievement: AchievementDefined }
  | { type: 'ReviseAchievement'; providerId: string; achievementId: string; spec: AchievementSpec; reason: string }
  | { type: 'RetireAchievement'; providerId: string; achievementId: string; reason: string };

export type DefineAchievement = Extract<AchievementCommand, { type: 'DefineAchievement' }>;

const E = {
  providerNotFound: () => new DomainError('PROVIDER.NOT_FOUND', 'the provider is not registered'),
  alreadyDefined: () => new DomainError('ACHIEVEMENT.ALREADY_DEFINED', 'an achievement with this achievementId is already defined'),
  notFound: () => new DomainError('ACHIEVEMENT.NOT_FOUND', 'no achievement with this achievementId is defined'),
  otherProvider: () => new DomainError('ACHIEVEMENT.OTHER_PROVIDER', 'the achievement belongs to another provider'),
  retired: () => new DomainError('ACHIEVEMENT.RETIRED', 'the achievement is retired and can no longer change'),
};

/** Defined once by a registered provider; revised (with a reason) and retired only by its owner. */
export function decideAchievement(state: AchievementState, command: AchievementCommand): AchievementEvent[] {
  if (command.type === 'DefineAchievement') {
    if (!command.provider.registered) throw E.providerNotFound();
    if (state.defined) throw E.alreadyDefined();
    return [{ type: EventTypes.AchievementDefined, data: command.achievement }];
  }
  if (!state.defined) throw E.notFound();
  if (state.defined.providerId !== command.providerId) throw E.otherProvider();
  if (state.retired) throw E.retired();
  const refs = { achievementId: command.achievementId, providerId: command.providerId };
  return command.type === 'ReviseAchievement'
    ? [{ type: EventTypes.AchievementRevised, data: { ...refs, spec: command.spec, reason: command.reason } }]
    : [{ type: EventTypes.AchievementRetired, data: { ...refs, reason: command.reason } }];
}
