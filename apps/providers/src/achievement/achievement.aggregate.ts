import { decideAchievement } from './achievement.decider';
import { evolveAchievement, initialAchievementState } from './achievement.state';

/** The achievement aggregate as decideOnStream takes it. */
export const achievementAggregate = { initial: initialAchievementState, evolve: evolveAchievement, decide: decideAchievement };
