import { CredentialIssued, EventTypes } from '@app/contracts';

export type CredentialStatus = 'none' | 'issued' | 'suspended' | 'revoked';

export interface CredentialState {
  status: CredentialStatus;
  issued?: CredentialIssued;
}

export const initialCredentialState: CredentialState = { status: 'none' };

export type CredentialEvent =
  | { type: typeof EventTypes.CredentialIssued; data: CredentialIssued }
  | { type: typeof EventTypes.CredentialSuspended | typeof EventTypes.CredentialReinstated | typeof EventTypes.CredentialRevoked; data: object };

/** Folds one event into the state; unknown types leave it unchanged (forward compatible). */
export function evolveCredential(state: CredentialState, event: { type: string; data: unknown }): CredentialState {
  switch (event.type) {
    case EventTypes.CredentialIssued:
      return { status: 'issued', issued: event.data as CredentialIssued };
    case EventTypes.CredentialSuspended:
      return { ...state, status: 'suspended' };
    case EventTypes.CredentialReinstated:
      return { ...state, status: 'issued' };
    case EventTypes.CredentialRevoked:
      return { ...state, status: 'revoked' };
    default:
      return state;
  }
}
