/** A jurisdiction's micro-credential policy as data: the body of JurisdictionPolicyPublished's `policy`. */

interface RuleBase {
  /** Stable id, quoted in declines (NZ-CREDITS). */
  id: string;
  note?: string;
  status?: 'unconfirmed';
}

/** A field of the achievement's specification must be present and non-empty (dotted path). */
export interface RequiredFieldRule extends RuleBase { kind: 'required-field'; field: string; label?: string }
/** The approved credits must be in `system` and, when given, within [min, max]. */
export interface CreditsRangeRule extends RuleBase { kind: 'credits-range'; system: string; min?: number; max?: number; optional?: boolean }
/** The approved level must be in `framework` (or comparable to it through the EQF) within [min, max]. */
export interface LevelRangeRule extends RuleBase { kind: 'level-range'; framework: string; min: number; max: number; optional?: boolean; acceptComparable?: boolean }
/** The specification's workload must be at least `min` hours. */
export interface MinHoursRule extends RuleBase { kind: 'min-hours'; min: number }
/** The specification must name a type of assessment other than none. */
export interface AssessmentRequiredRule extends RuleBase { kind: 'assessment-required' }
/** The specification must break its hours down by mode, and the parts must add up. */
export interface BreakdownSumsRule extends RuleBase { kind: 'breakdown-sums'; tolerance?: number }

export type PolicyRule = RequiredFieldRule | CreditsRangeRule | LevelRangeRule | MinHoursRule | AssessmentRequiredRule | BreakdownSumsRule;
export const RULE_KINDS = ['required-field', 'credits-range', 'level-range', 'min-hours', 'assessment-required', 'breakdown-sums'] as const;

/** A jurisdiction's micro-credential policy, as data. */
export interface JurisdictionPolicy {
  jurisdiction: string;
  version: string;
  title: string;
  source: string;
  status?: 'unconfirmed';
  levelFramework?: string;
  creditSystem?: string;
  enforcedElsewhere?: Record<string, string>;
  notModelled?: string[];
  rules: PolicyRule[];
}
