import { ApiKeyEvent, DomainError, EventTypes } from '@app/contracts';
import { apiKeyStatus, ApiKeyState, evolveApiKey, initialApiKeyState } from './api-key.state';

export type ApiKeyCommand =
  | { type: 'RevokeApiKey'; keyId: string; reason: string; /** The key the request came with. */ by: string }
  | { type: 'RotateApiKey'; keyId: string; replacedBy: string; validUntil: string; /** Epoch milliseconds, from the request. */ now: number };

export const ApiKeyErrors = {
  notFound: () => new DomainError('API_KEY.NOT_FOUND', 'no API key with this keyId'),
  ownKey: () =>
    new DomainError(
      'API_KEY.OWN_KEY',
      'a key cannot revoke itself (that could lock every admin out); rotate it, then revoke it with its replacement or another admin key',
    ),
  revoked: () => new DomainError('API_KEY.ALREADY_REVOKED', 'the key is revoked and cannot be rotated'),
  expired: () => new DomainError('API_KEY.EXPIRED', 'the key has expired and cannot be rotated; issue a new key'),
};
const E = ApiKeyErrors;

/**
 * Revocation is final and idempotent (revoking twice records one event). Rotation schedules
 * the end of a key that is still usable; the replacement key is issued on its own stream.
 */
export function decideApiKey(state: ApiKeyState, command: ApiKeyCommand): ApiKeyEvent[] {
  if (!state.issued) throw E.notFound();
  if (command.type === 'RevokeApiKey') {
    if (state.revoked) return [];
    if (command.by === command.keyId) throw E.ownKey();
    return [{ type: EventTypes.ApiKeyRevoked, data: { keyId: command.keyId, reason: command.reason } }];
  }
  const status = apiKeyStatus(state, command.now);
  if (status === 'revoked') throw E.revoked();
  if (status === 'expired') throw E.expired();
  return [{ type: EventTypes.ApiKeyRotated, data: { keyId: command.keyId, replacedBy: command.replacedBy, validUntil: command.validUntil } }];
}

export const apiKeyDecider = { initial: initialApiKeyState, evolve: evolveApiKey, decide: decideApiKey };
