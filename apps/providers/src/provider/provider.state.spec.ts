import { EventTypes } from '@app/contracts';
import { activeSigningKeys, evolveProvider, initialProviderState } from './provider.state';

describe('provider signing keys', () => {
  describe('when a key is added', () => {
    const jwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: 'A'.repeat(43) };
    const state = evolveProvider(initialProviderState, { type: EventTypes.ProviderSigningKeyAdded, data: { providerId: 'p1', keyId: 'k1', publicKeyJwk: jwk } });

    it('finds nothing under the names of Object.prototype members', () => {
      for (const keyId of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(state.signingKeys?.[keyId]).toBeUndefined();
      expect(state.signingKeys?.k1).toEqual({ jwk, revoked: false });
    });

    it('keeps the map prototype-free through a revocation', () => {
      const revoked = evolveProvider(state, { type: EventTypes.ProviderSigningKeyRevoked, data: { providerId: 'p1', keyId: 'k1' } });
      expect(revoked.signingKeys?.constructor).toBeUndefined();
      expect(activeSigningKeys(revoked)).toEqual([]);
    });
  });
});
