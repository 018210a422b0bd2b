import { AchievementDefined, EventTypes, LedgerEvent } from '@app/contracts';

/**
 * An achievement as quality assurance judges it, folded from the providers' public events:
 * the specification as it stands (revisions applied), its revision number and whether it was retired.
 */
export interface AchievementState {
  defined?: AchievementDefined;
  /** 1 for the definition, +1 per AchievementRevised: what an approval names as the revision it judged. */
  revision: number;
  retired: boolean;
}

export const initialAchievementState: AchievementState = { revision: 0, retired: false };

export function evolveAchievement(state: AchievementState, event: LedgerEvent): AchievementState {
  switch (event.type) {
    case EventTypes.AchievementDefined:
      return { defined: event.data, revision: 1, retired: false };
    case EventTypes.AchievementRevised: {
      const { achievementId, providerId, spec } = event.data;
      return { ...state, defined: { ...spec, achievementId, providerId }, revision: state.revision + 1 };
    }
    case EventTypes.AchievementRetired:
      return { ...state, retired: true };
    default:
      return state;
  }
}
