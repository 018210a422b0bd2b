import { DomainError, Ed25519Jwk, EventTypes, ProviderEvent, ProviderRegistered } from '@app/contracts';
import { activeSigningKeys, ProviderState } from './provider.state';

export type ProviderCommand =
  | ({ type: 'RegisterProvider' } & ProviderRegistered)
  | { type: 'AddSigningKey'; providerId: string; keyId: string; publicKeyJwk: Ed25519Jwk }
  | { type: 'RevokeSigningKey'; providerId: string; keyId: string; reason?: string }
  | { type: 'SetSigningPolicy'; providerId: string; requireSignedBatches: boolean };

const E = {
  alreadyRegistered: (id: string) => new DomainError('PROVIDER.ALREADY_REGISTERED', `provider ${id} is already registered`),
  notRegistered: () => new DomainError('PROVIDER.NOT_FOUND', 'the provider is not registered'),
  keyExists: () => new DomainError('SIGNING_KEY.ALREADY_EXISTS', 'a signing key with this keyId was already added; keys are never replaced, add a new keyId'),
  keyUnknown: () => new DomainError('SIGNING_KEY.NOT_FOUND', 'no signing key with this keyId was added'),
  keyRevoked: () => new DomainError('SIGNING_KEY.ALREADY_REVOKED', 'the signing key is already revoked'),
  noActiveKey: () => new DomainError('SIGNING_KEY.NONE_ACTIVE', 'signatures can only be required while at least one signing key is active'),
};

/** Registration, signing keys and the signing policy, all on the provider's stream. */
export function decideProvider(state: ProviderState, command: ProviderCommand): ProviderEvent[] {
  if (command.type === 'RegisterProvider') {
    if (state.registered) throw E.alreadyRegistered(command.providerId);
    const { type: _type, ...data } = command;
    return [{ type: EventTypes.ProviderRegistered, data }];
  }
  if (!state.registered) throw E.notRegistered();
  const key = 'keyId' in command ? state.signingKeys?.[command.keyId] : undefined;
  switch (command.type) {
    case 'AddSigningKey':
      if (key) throw E.keyExists();
      return [{ type: EventTypes.ProviderSigningKeyAdded, data: { providerId: command.providerId, keyId: command.keyId, publicKeyJwk: command.publicKeyJwk } }];
    case 'RevokeSigningKey': {
      if (!key) throw E.keyUnknown();
      if (key.revoked) throw E.keyRevoked();
      const events: ProviderEvent[] = [{ type: EventTypes.ProviderSigningKeyRevoked, data: { providerId: command.providerId, keyId: command.keyId, ...(command.reason ? { reason: command.reason } : {}) } }];
      // Revoking the last active key while signatures are required would lock the provider out: refuse instead.
      if (state.requireSignedBatches && activeSigningKeys(state).length === 1) throw E.noActiveKey();
      return events;
    }
    case 'SetSigningPolicy':
      if (command.requireSignedBatches && activeSigningKeys(state).length === 0) throw E.noActiveKey();
      return [{ type: EventTypes.ProviderSigningPolicySet, data: { providerId: command.providerId, requireSignedBatches: command.requireSignedBatches } }];
  }
}
