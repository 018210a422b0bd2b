import { EventTypes, ProviderRegistered } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import { decideProvider, ProviderCommand } from './provider.decider';
import { evolveProvider, initialProviderState, ProviderState } from './provider.state';

const provider: ProviderRegistered = { providerId: 'uni-a', name: 'University A', jurisdiction: 'NZ', kind: 'university' };
const registered = { type: EventTypes.ProviderRegistered, data: provider };

describe('provider decider', () => {
  const spec = deciderSpec({ initial: initialProviderState, evolve: evolveProvider, decide: (s: ProviderState, c: ProviderRegistered) => decideProvider(s, { type: 'RegisterProvider', ...c }) });
  describe('when not registered', () => {
    it('registers', () => spec.given([]).when(provider).then([registered]));
  });
  describe('when registered', () => {
    it('refuses a second registration', () => spec.given([registered]).when(provider).thenRefuses('PROVIDER.ALREADY_REGISTERED'));
  });
});

describe('provider signing keys', () => {
  const spec = deciderSpec({ initial: initialProviderState, evolve: evolveProvider, decide: decideProvider });
  const jwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: 'a'.repeat(43) };
  const added = (keyId: string) => ({ type: EventTypes.ProviderSigningKeyAdded, data: { providerId: 'uni-a', keyId, publicKeyJwk: jwk } });
  const revoked = (keyId: string) => ({ type: EventTypes.ProviderSigningKeyRevoked, data: { providerId: 'uni-a', keyId } });
  const required = { type: EventTypes.ProviderSigningPolicySet, data: { providerId: 'uni-a', requireSignedBatches: true } };
  const add = (keyId: string): ProviderCommand => ({ type: 'AddSigningKey', providerId: 'uni-a', keyId, publicKeyJwk: jwk });
  const revoke = (keyId: string): ProviderCommand => ({ type: 'RevokeSigningKey', providerId: 'uni-a', keyId });
  const requireSigned = (on: boolean): ProviderCommand => ({ type: 'SetSigningPolicy', providerId: 'uni-a', requireSignedBatches: on });

  describe('when the provider is not registered', () => {
    it('refuses a key', () => spec.given([]).when(add('k1')).thenRefuses('PROVIDER.NOT_FOUND'));
  });
  describe('when registered without keys', () => {
    it('adds a key', () => spec.given([registered]).when(add('k1')).then([added('k1')]));
    it('refuses to require signatures', () => spec.given([registered]).when(requireSigned(true)).thenRefuses('SIGNING_KEY.NONE_ACTIVE'));
    it('refuses to revoke an unknown key', () => spec.given([registered]).when(revoke('k1')).thenRefuses('SIGNING_KEY.NOT_FOUND'));
  });
  describe('when a key is active', () => {
    it('refuses the same key id again', () => spec.given([registered, added('k1')]).when(add('k1')).thenRefuses('SIGNING_KEY.ALREADY_EXISTS'));
    it('requires signatures on request', () => spec.given([registered, added('k1')]).when(requireSigned(true)).then([required]));
    it('revokes it', () => spec.given([registered, added('k1')]).when(revoke('k1')).then([revoked('k1')]));
    it('refuses to revoke the last active key while signatures are required', () =>
      spec.given([registered, added('k1'), required]).when(revoke('k1')).thenRefuses('SIGNING_KEY.NONE_ACTIVE'));
    it('revokes one of two keys while signatures are required', () =>
      spec.given([registered, added('k1'), added('k2'), required]).when(revoke('k1')).then([revoked('k1')]));
  });
  describe('when a key is revoked', () => {
    it('refuses to revoke it again', () => spec.given([registered, added('k1'), revoked('k1')]).when(revoke('k1')).thenRefuses('SIGNING_KEY.ALREADY_REVOKED'));
    it('refuses to reuse its id', () => spec.given([registered, added('k1'), revoked('k1')]).when(add('k1')).thenRefuses('SIGNING_KEY.ALREADY_EXISTS'));
  });
});
