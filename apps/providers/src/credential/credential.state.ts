import { CredentialIssued, EventTypes, LedgerEvent } from '@app/contracts';

export type CredentialStatus = 'none' | 'issued' | 'suspended' | 'expired' | 'revoked';

export interface CredentialState {
  status: CredentialStatus;
  /** The credential as issued, with amendments applied. */
  issued?: CredentialIssued;
}

export const initialCredentialState: CredentialState = { status: 'none' };

/** Folds one event into the state; unknown types leave it unchanged (forward compatible). */
export function evolveCredential(state: CredentialState, event: LedgerEvent): CredentialState {
  switch (event.type) {
    case EventTypes.CredentialIssued:
      return { status: 'issued', issued: event.data };
    case EventTypes.CredentialAmended: {
      const { changes } = event.data;
      return state.issued ? { ...state, issued: { ...state.issued, ...changes } } : state;
    }
    case EventTypes.CredentialSuspended:
      return { ...state, status: 'suspended' };
    case EventTypes.CredentialReinstated:
      return { ...state, status: 'issued' };
    case EventTypes.CredentialExpired:
      return { ...state, status: 'expired' };
    case EventTypes.CredentialRevoked:
      return { ...state, status: 'revoked' };
    default:
      return state;
  }
}
