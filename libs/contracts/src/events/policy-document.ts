/** A jurisdiction's micro-credential policy as data: the body of JurisdictionPolicyPublished's `policy`. */

interface RuleBase {
  /** Stable id, quoted in declines (NZ-CREDITS). */
  id: string;
  note?: string;
  status?: 'unconfirmed';
}

/** A field of the achievement's specification must be present and non-empty (dotted path). */
export interface RequiredFieldRule extends RuleBase { kind: 'required-field'; field: string; label?: string }
/**
 * The approved credits must be in `system` and, when given, within [min, max]. With
 * `acceptOtherWithHours`, credits in another known unit pass when the workload hours are
 * given ("ECTS wherever possible"); the approval records the ECTS-equivalent of the hours.
 */
export interface CreditsRangeRule extends RuleBase {
  kind: 'credits-range'; system: string; min?: number; max?: number; optional?: boolean; acceptOtherWithHours?: boolean;
}
/**
 * The approved level must be in `framework` (or comparable to it through the EQF) within [min, max].
 * With `acceptNotComparable`, a level of a known framework without a single EQF match passes
 * and is recorded as not comparable.
 */
export interface LevelRangeRule extends RuleBase {
  kind: 'level-range'; framework: string; min: number; max: number; optional?: boolean; acceptComparable?: boolean; acceptNotComparable?: boolean;
}
/** Declared credits (the specification's and the approval's) must agree with the workload hours (reference/credits.json). */
export interface CreditsHoursRule extends RuleBase { kind: 'credits-hours' }
/** The specification's workload must be at least `min` hours. */
export interface MinHoursRule extends RuleBase { kind: 'min-hours'; min: number }
/** The specification must name a type of assessment other than none. */
export interface AssessmentRequiredRule extends RuleBase { kind: 'assessment-required' }
/** The specification must break its hours down by mode, and the parts must add up. */
export interface BreakdownSumsRule extends RuleBase { kind: 'breakdown-sums'; tolerance?: number }

export type PolicyRule = RequiredFieldRule | CreditsRangeRule | LevelRangeRule | MinHoursRule | AssessmentRequiredRule | BreakdownSumsRule | CreditsHoursRule;
export const RULE_KINDS = ['required-field', 'credits-range', 'level-range', 'min-hours', 'assessment-required', 'breakdown-sums', 'credits-hours'] as const;

/**
 * A rule set shared by jurisdictions (the Universities Australia recognition minimums): a
 * policy names it in `includes`, and the published document carries it whole in `ruleSets`
 * so a decision replays exactly. Its outcome is reported with the decision; it does not decide.
 */
export interface RuleSet {
  id: string;
  version: string;
  title: string;
  source: string;
  status?: 'unconfirmed';
  rules: PolicyRule[];
}

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
  /** Ids of shared rule sets whose outcome is reported with every decision. */
  includes?: string[];
  /** The included rule sets, resolved when the document is loaded. */
  ruleSets?: RuleSet[];
}
