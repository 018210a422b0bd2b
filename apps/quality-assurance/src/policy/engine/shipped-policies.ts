import { creditSystem, JurisdictionPolicy, levelFramework, PolicyRule, RULE_KINDS, RuleSet } from '@app/contracts';
import au from './policies/au.json';
import caOn from './policies/ca-on.json';
import eu from './policies/eu.json';
import nz from './policies/nz.json';
import uaMinimums from './rulesets/ua-recognition-minimums.json';

// JSON imports carry their literal shape, not the rule-set type: each is checked where a policy includes it.
const ruleSets: Record<string, RuleSet> = { [uaMinimums.id]: uaMinimums as RuleSet };

function ruleProblems(rules: PolicyRule[], ids: Set<string>): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    if (!rule.id || ids.has(rule.id)) problems.push(`rule id ${rule.id} is missing or repeated`);
    ids.add(rule.id);
    if (!(RULE_KINDS as readonly string[]).includes(rule.kind)) problems.push(`rule ${rule.id}: unknown kind ${rule.kind}`);
    if (rule.kind === 'credits-range' && !creditSystem(rule.system)) problems.push(`rule ${rule.id}: unknown credit system ${rule.system}`);
    if (rule.kind === 'level-range' && !levelFramework(rule.framework)) problems.push(`rule ${rule.id}: unknown level framework ${rule.framework}`);
    if (rule.kind === 'required-field' && !rule.field) problems.push(`rule ${rule.id}: field is required`);
    if (rule.kind === 'min-hours' && typeof rule.min !== 'number') problems.push(`rule ${rule.id}: min is required`);
  }
  return problems;
}

/**
 * Checks a policy document before the ledger trusts it: a typo in a file must stop the
 * process at start, not silently approve everything.
 */
export function policyProblems(policy: JurisdictionPolicy): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  if (!policy.jurisdiction || !policy.version || !policy.source) problems.push('jurisdiction, version and source are required');
  if (!Array.isArray(policy.rules) || policy.rules.length === 0) problems.push('a policy needs at least one rule');
  problems.push(...ruleProblems(policy.rules ?? [], ids));
  // Every included set must be carried whole, so the published document decides alone.
  for (const id of policy.includes ?? []) {
    const set = policy.ruleSets?.find((s) => s.id === id);
    if (!set || !set.version || !set.source || !Array.isArray(set.rules)) problems.push(`included rule set ${id} is missing or incomplete`);
    else problems.push(...ruleProblems(set.rules, ids).map((p) => `${id}: ${p}`));
  }
  if ((policy.ruleSets ?? []).some((s) => !(policy.includes ?? []).includes(s.id))) problems.push('a rule set is carried that the policy does not include');
  return problems;
}

/** The document as published: each included rule set resolved and carried whole. */
function withRuleSets(doc: JurisdictionPolicy): JurisdictionPolicy {
  if (!doc.includes?.length) return doc;
  const resolved = doc.includes.map((id) => (Object.prototype.hasOwnProperty.call(ruleSets, id) ? ruleSets[id] : undefined));
  return { ...doc, ruleSets: resolved.filter((s): s is RuleSet => s !== undefined) };
}

const shipped: Record<string, JurisdictionPolicy> = {};
// JSON imports carry their literal shape, not the policy type: each is checked here, at load.
const files: unknown[] = [eu, nz, au, caOn];
for (const file of files) {
  const doc = withRuleSets(file as JurisdictionPolicy);
  const problems = policyProblems(doc);
  if (problems.length) throw new Error(`policy file for ${doc.jurisdiction} is invalid: ${problems.join('; ')}`);
  shipped[doc.jurisdiction] = doc;
}

/** The policy file this build ships for a jurisdiction (policies/*.json beside this file). */
export function shippedPolicy(jurisdiction: string): JurisdictionPolicy | undefined {
  return Object.prototype.hasOwnProperty.call(shipped, jurisdiction) ? shipped[jurisdiction] : undefined;
}

export function shippedJurisdictions(): string[] {
  return Object.keys(shipped);
}
