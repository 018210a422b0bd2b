import { AccreditationReinstated, AccreditationSuspended, AccreditationWithdrawn, EventTypes, ProviderAccredited } from '@app/contracts';

export interface AccreditationState {
  accredited?: ProviderAccredited;
  suspendedFrom?: string;
  withdrawnFrom?: string;
  /** Effective date of the latest change: changes must not go back before it. */
  lastEffective?: string;
}

export const initialAccreditationState: AccreditationState = {};

export function evolveAccreditation(state: AccreditationState, event: { type: string; data: unknown }): AccreditationState {
  switch (event.type) {
    case EventTypes.ProviderAccredited:
      return { accredited: event.data as ProviderAccredited };
    case EventTypes.AccreditationSuspended: {
      const { effectiveFrom } = event.data as AccreditationSuspended;
      return { ...state, suspendedFrom: effectiveFrom, lastEffective: effectiveFrom };
    }
    case EventTypes.AccreditationReinstated: {
      const { effectiveFrom } = event.data as AccreditationReinstated;
      return { ...state, suspendedFrom: undefined, lastEffective: effectiveFrom };
    }
    case EventTypes.AccreditationWithdrawn: {
      const { effectiveFrom } = event.data as AccreditationWithdrawn;
      return { ...state, suspendedFrom: undefined, withdrawnFrom: effectiveFrom, lastEffective: effectiveFrom };
    }
    default:
      return state;
  }
}
