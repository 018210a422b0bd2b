import { AchievementDefined, DomainError, EventTypes } from '@app/contracts';
import { ProviderState } from '../provider/provider.state';
import { AchievementState } from './achievement.state';

export interface DefineAchievement {
  type: 'DefineAchievement';
  provider: ProviderState;
  achievement: AchievementDefined;
}

/** An achievement is defined once, by a registered provider. */
export function decideAchievement(state: AchievementState, command: DefineAchievement): { type: string; data: AchievementDefined }[] {
  if (!command.provider.registered) throw new DomainError('PROVIDER.NOT_FOUND', 'the provider is not registered');
  if (state.defined) throw new DomainError('ACHIEVEMENT.ALREADY_DEFINED', 'an achievement with this achievementId is already defined');
  return [{ type: EventTypes.AchievementDefined, data: command.achievement }];
}
