import { EventTypes, JurisdictionPolicy, JurisdictionPolicyPublished } from '@app/contracts';

export interface PolicyState {
  /** Every version ever published, by version: decisions name the one they were taken under. */
  versions: Record<string, JurisdictionPolicy>;
  current?: JurisdictionPolicy;
}

export const initialPolicyState: PolicyState = { versions: {} };

export function evolvePolicy(state: PolicyState, event: { type: string; data: unknown }): PolicyState {
  if (event.type !== EventTypes.JurisdictionPolicyPublished) return state;
  const policy = (event.data as JurisdictionPolicyPublished).policy as unknown as JurisdictionPolicy;
  return { versions: { ...state.versions, [policy.version]: policy }, current: policy };
}
