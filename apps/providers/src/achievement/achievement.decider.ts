import { AchievementDefined, AchievementEvent, AchievementSpec, checkCreditsAgainstHours, DomainError, EventTypes, SpecWarning } from '@app/contracts';
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

/**
 * What a QA body will question in a specification, recorded on its event; the provider may
 * define it all the same (a QA body's policy declines it later, naming the rule).
 */
export function specWarnings(spec: AchievementSpec): SpecWarning[] {
  const credits = spec.workload?.credits;
  const check = credits ? checkCreditsAgainstHours(credits, spec.workload.hours) : undefined;
  if (!credits || !check || check.agrees) return [];
  const hours = spec.workload.hours > 0 ? `${spec.workload.hours} h` : 'a workload of 0 h';
  return [{
    code: 'WORKLOAD.CREDITS_HOURS_MISMATCH',
    field: 'workload.credits.value',
    message: `${credits.value} ${credits.system} stand for ${check.expected.min}-${check.expected.max} h (tolerance ${check.tolerance * 100}%), not ${hours}`,
  }];
}

const withWarnings = <T extends object>(data: T, spec: AchievementSpec): T => {
  const warnings = specWarnings(spec);
  return warnings.length ? { ...data, warnings } : data;
};

/** Defined once by a registered provider; revised (with a reason) and retired only by its owner. */
export function decideAchievement(state: AchievementState, command: AchievementCommand): AchievementEvent[] {
  if (command.type === 'DefineAchievement') {
    if (!command.provider.registered) throw E.providerNotFound();
    if (state.defined) throw E.alreadyDefined();
    return [{ type: EventTypes.AchievementDefined, data: withWarnings(command.achievement, command.achievement) }];
  }
  if (!state.defined) throw E.notFound();
  if (state.defined.providerId !== command.providerId) throw E.otherProvider();
  if (state.retired) throw E.retired();
  const refs = { achievementId: command.achievementId, providerId: command.providerId };
  return command.type === 'ReviseAchievement'
    ? [{ type: EventTypes.AchievementRevised, data: withWarnings({ ...refs, spec: command.spec, reason: command.reason }, command.spec) }]
    : [{ type: EventTypes.AchievementRetired, data: { ...refs, reason: command.reason } }];
}
