import { creditSystem, JurisdictionPolicy, levelFramework, RULE_KINDS } from '@app/contracts';
import au from './policies/au.json';
import caOn from './policies/ca-on.json';
import eu from './policies/eu.json';
import nz from './policies/nz.json';

/**
 * Checks a policy document before the ledger trusts it: a typo in a file must stop the
 * process at start, not silently approve everything.
 */
export function policyProblems(policy: JurisdictionPolicy): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  if (!policy.jurisdiction || !policy.version || !policy.source) problems.push('jurisdiction, version and source are required');
  if (!Array.isArray(policy.rules) || policy.rules.length === 0) problems.push('a policy needs at least one rule');
  for (const rule of policy.rules ?? []) {
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

const shipped: Record<string, JurisdictionPolicy> = {};
// JSON imports carry their literal shape, not the policy type: each is checked here, at load.
const files: unknown[] = [eu, nz, au, caOn];
for (const file of files) {
  const doc = file as JurisdictionPolicy;
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
