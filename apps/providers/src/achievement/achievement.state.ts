import { AchievementDefined, EventTypes } from '@app/contracts';

export interface AchievementState {
  defined?: AchievementDefined;
  retired: boolean;
}

export const initialAchievementState: AchievementState = { retired: false };

export function evolveAchievement(state: AchievementState, event: { type: string; data: unknown }): AchievementState {
  switch (event.type) {
    case EventTypes.AchievementDefined:
      return { defined: event.data as AchievementDefined, retired: false };
    default:
      return state;
  }
}
