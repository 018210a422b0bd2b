import { EventTypes, JurisdictionPolicy, LedgerEvent } from '@app/contracts';

export interface PolicyState {
  /** Every version ever published, by version: decisions name the one they were taken under. */
  versions: Record<string, JurisdictionPolicy>;
  current?: JurisdictionPolicy;
}

export const initialPolicyState: PolicyState = { versions: {} };

export function evolvePolicy(state: PolicyState, event: LedgerEvent): PolicyState {
  if (event.type !== EventTypes.JurisdictionPolicyPublished) return state;
  const { policy } = event.data;
  return { versions: { ...state.versions, [policy.version]: policy }, current: policy };
}
