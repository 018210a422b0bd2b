import { AchievementSpec } from '../events/achievement.events';
import { CreditsRef, LevelRef } from '../events/common';
import { JurisdictionPolicy, PolicyRule, RuleSet } from '../events/policy-document';
import { checkCreditsAgainstHours, creditSystem, levelFramework, toEqf } from '../reference';

// Moved here from apps/quality-assurance/src/policy/engine (unchanged) so that records can judge a
// credential against the policy in force at its issue with the very rules quality assurance applies.

/** What a policy is checked against: the achievement as it stands, and what the QA body approves it as. */
export interface PolicySubject {
  achievement: AchievementSpec & { providerId?: string };
  level?: LevelRef;
  credits?: CreditsRef;
}

export interface RuleFailure {
  ruleId: string;
  kind: string;
  /** The offending field: a path in the specification, or `level` / `credits` of the request. */
  field: string;
  message: string;
}

export interface PolicyEvaluation {
  passed: string[];
  failures: RuleFailure[];
}

/** A shared rule set's outcome, reported beside the decision (it does not decide). */
export interface RuleSetOutcome {
  id: string;
  version: string;
  met: boolean;
  passed: string[];
  failures: RuleFailure[];
}

type Problem = Omit<RuleFailure, 'ruleId' | 'kind'>;
type Check = (rule: never, subject: PolicySubject) => Problem | Problem[] | undefined;

/** A quantity of 0 is not a workload: "0 hours" is as absent as no hours. */
const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0) || value === 0;

const creditsAgree = (field: string, credits: CreditsRef, hours: number | undefined): Problem | undefined => {
  const check = checkCreditsAgainstHours(credits, hours);
  if (!check || check.agrees) return undefined;
  const h = typeof hours === 'number' && hours > 0 ? `${hours} h` : 'no workload hours';
  return { field, message: `${credits.value} ${credits.system} stand for ${check.expected.min}-${check.expected.max} h (tolerance ${check.tolerance * 100}%), not ${h}` };
};

const checks: Record<PolicyRule['kind'], Check> = {
  'required-field': (rule: Extract<PolicyRule, { kind: 'required-field' }>, { achievement }) => {
    const value = rule.field.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), achievement);
    return isEmpty(value) ? { field: rule.field, message: `${rule.label ?? rule.field} is required` } : undefined;
  },
  'credits-range': (rule: Extract<PolicyRule, { kind: 'credits-range' }>, { credits, achievement }) => {
    if (!credits) return rule.optional ? undefined : { field: 'credits', message: `credits in ${rule.system} are required` };
    // "ECTS wherever possible": another known unit is accepted when the hours let the ECTS-equivalent be recorded.
    if (credits.system !== rule.system && rule.acceptOtherWithHours && creditSystem(credits.system) && (achievement.workload?.hours ?? 0) > 0) return undefined;
    if (credits.system !== rule.system) return { field: 'credits.system', message: `credits must be expressed in ${rule.system}, not ${credits.system}` };
    if (rule.min !== undefined && credits.value < rule.min) return { field: 'credits.value', message: `${credits.value} ${rule.system} is below the minimum of ${rule.min}` };
    if (rule.max !== undefined && credits.value > rule.max) return { field: 'credits.value', message: `${credits.value} ${rule.system} is above the maximum of ${rule.max}` };
    return undefined;
  },
  'level-range': (rule: Extract<PolicyRule, { kind: 'level-range' }>, { level }) => {
    if (!level) return rule.optional ? undefined : { field: 'level', message: `a ${rule.framework} level is required` };
    let value = level.value;
    if (level.framework !== rule.framework && rule.acceptNotComparable && rule.framework === 'EQF') {
      // A level of a known framework, inside its range, that no single EQF level matches (NZQCF 8, AQF 8): recorded as not comparable.
      const framework = levelFramework(level.framework);
      const referenced = toEqf(level.framework, level.value);
      if (framework && level.value >= framework.min && level.value <= framework.max && 'notComparable' in referenced) return undefined;
    }
    if (level.framework !== rule.framework) {
      // Only the pivot framework (EQF) can accept another framework's level, through a documented referencing.
      const referenced = rule.acceptComparable ? toEqf(level.framework, level.value) : undefined;
      if (!referenced || 'notComparable' in referenced || rule.framework !== 'EQF') {
        const why = referenced && 'notComparable' in referenced ? ` (${referenced.reason})` : '';
        return { field: 'level.framework', message: `the level must be a ${rule.framework} level${rule.acceptComparable ? ' or comparable to one' : ''}${why}` };
      }
      value = referenced.eqf;
    }
    if (value < rule.min || value > rule.max) return { field: 'level.value', message: `${rule.framework} level ${value} is outside ${rule.min}-${rule.max}` };
    return undefined;
  },
  'min-hours': (rule: Extract<PolicyRule, { kind: 'min-hours' }>, { achievement }) => {
    const hours = achievement.workload?.hours;
    if (typeof hours !== 'number' || hours === 0) return { field: 'workload.hours', message: 'the workload in hours is required' };
    return hours < rule.min ? { field: 'workload.hours', message: `${hours} h is below the minimum volume of learning of ${rule.min} h` } : undefined;
  },
  'assessment-required': (_rule, { achievement }) => {
    const type = achievement.assessment?.type?.trim().toLowerCase();
    return !type || type === 'none' ? { field: 'assessment.type', message: 'the learning must be assessed' } : undefined;
  },
  'breakdown-sums': (rule: Extract<PolicyRule, { kind: 'breakdown-sums' }>, { achievement }) => {
    const b = achievement.workload?.breakdown;
    if (!b) return { field: 'workload.breakdown', message: 'hours by mode (face-to-face, synchronous online, peer, asynchronous, assessment) are required' };
    const sum = b.faceToFace + b.synchronousOnline + b.peer + b.asynchronous + b.assessment;
    const tolerance = rule.tolerance ?? 0.01;
    return Math.abs(sum - achievement.workload.hours) > tolerance
      ? { field: 'workload.breakdown', message: `hours by mode add up to ${sum}, not ${achievement.workload.hours}` }
      : undefined;
  },
  // Both the specification's own credits and those the QA body approves must stand for the workload's hours.
  'credits-hours': (_rule, { achievement, credits }) => {
    const hours = achievement.workload?.hours;
    const own = achievement.workload?.credits;
    const problems = [
      ...(credits ? [creditsAgree('credits.value', credits, hours)] : []),
      ...(own && !(credits && own.system === credits.system && own.value === credits.value) ? [creditsAgree('workload.credits.value', own, hours)] : []),
    ].filter((p): p is Problem => p !== undefined);
    return problems.length ? problems : undefined;
  },
};

function runRules(rules: PolicyRule[], subject: PolicySubject): PolicyEvaluation {
  const passed: string[] = [];
  const failures: RuleFailure[] = [];
  for (const rule of rules) {
    const found = (checks[rule.kind] as (r: PolicyRule, s: PolicySubject) => ReturnType<Check>)(rule, subject);
    const problems = found === undefined ? [] : Array.isArray(found) ? found : [found];
    if (problems.length === 0) passed.push(rule.id);
    for (const problem of problems) failures.push({ ruleId: rule.id, kind: rule.kind, ...problem });
  }
  return { passed, failures };
}

/**
 * The one policy engine: every rule of the policy is checked (none short-circuits), so a
 * decline lists everything that must change. Jurisdictions differ only in their data.
 */
export function evaluatePolicy(policy: JurisdictionPolicy, subject: PolicySubject): PolicyEvaluation {
  return runRules(policy.rules, subject);
}

/** The outcome of each shared rule set the policy includes (e.g. the Universities Australia minimums). */
export function evaluateRuleSets(policy: JurisdictionPolicy, subject: PolicySubject): RuleSetOutcome[] {
  return (policy.ruleSets ?? []).map((set: RuleSet) => {
    const { passed, failures } = runRules(set.rules, subject);
    return { id: set.id, version: set.version, met: failures.length === 0, passed, failures };
  });
}
