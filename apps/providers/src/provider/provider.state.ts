import { Ed25519Jwk, EventTypes, LedgerEvent, ProviderRegistered } from '@app/contracts';

export interface SigningKeyState {
  jwk: Ed25519Jwk;
  revoked: boolean;
}

export interface ProviderState {
  registered?: ProviderRegistered;
  signingKeys?: Record<string, SigningKeyState>;
  requireSignedBatches?: boolean;
}

export const initialProviderState: ProviderState = {};

export function evolveProvider(state: ProviderState, event: LedgerEvent): ProviderState {
  switch (event.type) {
    case EventTypes.ProviderRegistered:
      return { ...state, registered: event.data };
    case EventTypes.ProviderSigningKeyAdded: {
      const { keyId, publicKeyJwk } = event.data;
      return { ...state, signingKeys: withKey(state.signingKeys, keyId, { jwk: publicKeyJwk, revoked: false }) };
    }
    case EventTypes.ProviderSigningKeyRevoked: {
      const { keyId } = event.data;
      const key = state.signingKeys?.[keyId];
      return key ? { ...state, signingKeys: withKey(state.signingKeys, keyId, { ...key, revoked: true }) } : state;
    }
    case EventTypes.ProviderSigningPolicySet:
      return { ...state, requireSignedBatches: event.data.requireSignedBatches };
    default:
      return state;
  }
}

/**
 * Keys by id in an object without a prototype: a key id presented as `constructor` or
 * `__proto__` finds nothing instead of Object.prototype's members.
 */
function withKey(keys: Record<string, SigningKeyState> | undefined, keyId: string, key: SigningKeyState): Record<string, SigningKeyState> {
  return Object.assign(Object.create(null) as Record<string, SigningKeyState>, keys, { [keyId]: key });
}

export function activeSigningKeys(state: ProviderState): string[] {
  return Object.entries(state.signingKeys ?? {}).filter(([, k]) => !k.revoked).map(([id]) => id);
}
