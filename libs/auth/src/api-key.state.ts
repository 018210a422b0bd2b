import { ApiKeyIssued, EventTypes, LedgerEvent } from '@app/contracts';

/** One API key as its stream `apikey-{keyId}` tells it. */
export interface ApiKeyState {
  issued?: ApiKeyIssued;
  revoked?: { reason?: string; at: string };
  /** Set by a rotation: the key works until this instant (exclusive). */
  validUntil?: string;
  /** Every key that was issued to replace this one, oldest first. */
  replacedBy: string[];
}

export const initialApiKeyState: ApiKeyState = { replacedBy: [] };

/** Revocation takes its instant from the metadata; a decider's output (no metadata yet) folds too. */
type KeyEvent = LedgerEvent & { metadata?: { recordedAt: string } };

export function evolveApiKey(state: ApiKeyState, event: KeyEvent): ApiKeyState {
  switch (event.type) {
    case EventTypes.ApiKeyIssued:
      return { ...state, issued: event.data };
    case EventTypes.ApiKeyRevoked: {
      const { reason } = event.data;
      return { ...state, revoked: { ...(reason ? { reason } : {}), at: event.metadata?.recordedAt ?? '' } };
    }
    case EventTypes.ApiKeyRotated: {
      const r = event.data;
      // A later rotation may only bring the end forward: the earliest instant holds.
      const validUntil = state.validUntil !== undefined && Date.parse(state.validUntil) <= Date.parse(r.validUntil) ? state.validUntil : r.validUntil;
      return { ...state, validUntil, replacedBy: [...state.replacedBy, r.replacedBy] };
    }
    default:
      return state;
  }
}

export type ApiKeyStatus = 'unknown' | 'active' | 'revoked' | 'expired';

/** Where the key stands at `now` (epoch milliseconds); revocation wins over expiry. */
export function apiKeyStatus(state: ApiKeyState, now: number): ApiKeyStatus {
  if (!state.issued) return 'unknown';
  if (state.revoked) return 'revoked';
  if (state.validUntil !== undefined && Date.parse(state.validUntil) <= now) return 'expired';
  return 'active';
}
