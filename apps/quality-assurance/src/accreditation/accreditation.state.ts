import { EventTypes, LedgerEvent, ProviderAccredited } from '@app/contracts';

export interface AccreditationState {
  accredited?: ProviderAccredited;
  suspendedFrom?: string;
  withdrawnFrom?: string;
  /** Effective date of the latest change: changes must not go back before it. */
  lastEffective?: string;
}

export const initialAccreditationState: AccreditationState = {};

export function evolveAccreditation(state: AccreditationState, event: LedgerEvent): AccreditationState {
  switch (event.type) {
    case EventTypes.ProviderAccredited:
      return { accredited: event.data };
    case EventTypes.AccreditationSuspended: {
      const { effectiveFrom } = event.data;
      return { ...state, suspendedFrom: effectiveFrom, lastEffective: effectiveFrom };
    }
    case EventTypes.AccreditationReinstated: {
      const { effectiveFrom } = event.data;
      return { ...state, suspendedFrom: undefined, lastEffective: effectiveFrom };
    }
    case EventTypes.AccreditationWithdrawn: {
      const { effectiveFrom } = event.data;
      return { ...state, suspendedFrom: undefined, withdrawnFrom: effectiveFrom, lastEffective: effectiveFrom };
    }
    default:
      return state;
  }
}
