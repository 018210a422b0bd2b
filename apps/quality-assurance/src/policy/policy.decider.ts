import { isDeepStrictEqual } from 'node:util';
import { DomainError, EventTypes, JurisdictionPolicy, PolicyEvent } from '@app/contracts';
import { policyProblems } from './engine';
import { evolvePolicy, initialPolicyState, PolicyState } from './policy.state';

export type PolicyCommand = { type: 'PublishPolicy'; policy: JurisdictionPolicy };

/** A version is published once and never changes: republishing it is a no-op, changing it a conflict. */
export function decidePolicy(state: PolicyState, { policy }: PolicyCommand): PolicyEvent[] {
  const problems = policyProblems(policy);
  if (problems.length) throw new DomainError('POLICY.INVALID', `the policy document is invalid: ${problems.join('; ')}`);
  const published = state.versions[policy.version];
  if (published) {
    if (isDeepStrictEqual(published, policy)) return [];
    throw new DomainError('POLICY.VERSION_EXISTS', `version ${policy.version} of the ${policy.jurisdiction} policy was published with other content; publish a new version`);
  }
  return [{
    type: EventTypes.JurisdictionPolicyPublished,
    data: {
      jurisdiction: policy.jurisdiction, version: policy.version, source: policy.source,
      ...(policy.status ? { status: policy.status } : {}),
      policy: JSON.parse(JSON.stringify(policy)) as JurisdictionPolicy,
    },
  }];
}

export const policyDecider = { initial: initialPolicyState, evolve: evolvePolicy, decide: decidePolicy };
