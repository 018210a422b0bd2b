import { AchievementSpec, CreditsRef, JurisdictionPolicy, LevelRef, PolicyRule, toEqf } from '@app/contracts';

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

type Check = (rule: never, subject: PolicySubject) => Omit<RuleFailure, 'ruleId' | 'kind'> | undefined;

const checks: Record<PolicyRule['kind'], Check> = {
  'required-field': (rule: Extract<PolicyRule, { kind: 'required-field' }>, { achievement }) => {
    const value = rule.field.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), achievement);
    const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
    return empty ? { field: rule.field, message: `${rule.label ?? rule.field} is required` } : undefined;
  },
  'credits-range': (rule: Extract<PolicyRule, { kind: 'credits-range' }>, { credits }) => {
    if (!credits) return rule.optional ? undefined : { field: 'credits', message: `credits in ${rule.system} are required` };
    if (credits.system !== rule.system) return { field: 'credits.system', message: `credits must be expressed in ${rule.system}, not ${credits.system}` };
    if (rule.min !== undefined && credits.value < rule.min) return { field: 'credits.value', message: `${credits.value} ${rule.system} is below the minimum of ${rule.min}` };
    if (rule.max !== undefined && credits.value > rule.max) return { field: 'credits.value', message: `${credits.value} ${rule.system} is above the maximum of ${rule.max}` };
    return undefined;
  },
  'level-range': (rule: Extract<PolicyRule, { kind: 'level-range' }>, { level }) => {
    if (!level) return rule.optional ? undefined : { field: 'level', message: `a ${rule.framework} level is required` };
    let value = level.value;
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
    if (typeof hours !== 'number') return { field: 'workload.hours', message: 'the workload in hours is required' };
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
};

/**
 * The one policy engine: every rule of the policy is checked (none short-circuits), so a
 * decline lists everything that must change. Jurisdictions differ only in their data.
 */
export function evaluatePolicy(policy: JurisdictionPolicy, subject: PolicySubject): PolicyEvaluation {
  const passed: string[] = [];
  const failures: RuleFailure[] = [];
  for (const rule of policy.rules) {
    const failure = (checks[rule.kind] as (r: PolicyRule, s: PolicySubject) => ReturnType<Check>)(rule, subject);
    if (failure) failures.push({ ruleId: rule.id, kind: rule.kind, ...failure });
    else passed.push(rule.id);
  }
  return { passed, failures };
}
