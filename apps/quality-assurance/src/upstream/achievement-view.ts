import { AchievementDefined, EventTypes, LedgerEvent } from '@app/contracts';

/**
 * An achievement as quality assurance judges it, folded from the providers' public events:
 * the specification as it stands (revisions applied) and whether it was retired.
 */
export interface AchievementState {
  defined?: AchievementDefined;
  retired: boolean;
}

export const initialAchievementState: AchievementState = { retired: false };

export function evolveAchievement(state: AchievementState, event: LedgerEvent): AchievementState {
  switch (event.type) {
    case EventTypes.AchievementDefined:
      return { defined: event.data, retired: false };
    case EventTypes.AchievementRevised: {
      const { achievementId, providerId, spec } = event.data;
      return { ...state, defined: { ...spec, achievementId, providerId } };
    }
    case EventTypes.AchievementRetired:
      return { ...state, retired: true };
    default:
      return state;
  }
}
