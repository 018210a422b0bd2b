import jurisdictionData from '../../reference/jurisdictions.json';

const groups = jurisdictionData.groups as Record<string, { members: string[] }>;

/**
 * Whether acting in `scope` covers `target`: the same code, a subdivision of a country
 * (CA covers CA-ON), or a member of a group (EU covers DE).
 */
export function jurisdictionCovers(scope: string, target: string): boolean {
  if (scope === target || target.startsWith(`${scope}-`)) return true;
  const group = Object.prototype.hasOwnProperty.call(groups, scope) ? groups[scope] : undefined;
  return group !== undefined && group.members.some((member) => target === member || target.startsWith(`${member}-`));
}

export function anyJurisdictionCovers(scopes: readonly string[], target: string): boolean {
  return scopes.some((scope) => jurisdictionCovers(scope, target));
}

/**
 * Where the policy for `target` may come from, nearest first: the jurisdiction itself, its
 * country when it is a subdivision (CA-ON, then CA), then each group the country belongs to
 * (IE, then EU: a member state judges under the EU policy unless it publishes its own).
 */
export function policyJurisdictionsFor(target: string): string[] {
  const country = target.split('-')[0];
  const chain = [target, ...(country !== target ? [country] : [])];
  for (const [name, group] of Object.entries(groups)) if (group.members.includes(country)) chain.push(name);
  return chain;
}
