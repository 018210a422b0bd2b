import { AchievementDefined, AchievementSpec, EventTypes, ProviderRegistered } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import { decideAchievement, DefineAchievement } from '../achievement/achievement.decider';
import { evolveAchievement, initialAchievementState } from '../achievement/achievement.state';
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

describe('achievement decider', () => {
  const achievement = { achievementId: 'a6c1f1f0-1111-4222-8333-444455556666', providerId: 'uni-a', title: 'Data literacy' } as AchievementDefined;
  const define = (registeredProvider: ProviderRegistered | null = provider): DefineAchievement => ({
    type: 'DefineAchievement', provider: registeredProvider ? { registered: registeredProvider } : {}, achievement,
  });
  const spec = deciderSpec({ initial: initialAchievementState, evolve: evolveAchievement, decide: decideAchievement });
  describe('when not defined', () => {
    it('defines it for a registered provider', () => spec.given([]).when(define()).then([{ type: EventTypes.AchievementDefined, data: achievement }]));
    it('refuses an unregistered provider', () => spec.given([]).when(define(null)).thenRefuses('PROVIDER.NOT_FOUND'));
  });
  describe('when defined', () => {
    it('refuses to define it again', () =>
      spec.given([{ type: EventTypes.AchievementDefined, data: achievement }]).when(define()).thenRefuses('ACHIEVEMENT.ALREADY_DEFINED'));
  });
  const defined = { type: EventTypes.AchievementDefined, data: achievement };
  const retired = { type: EventTypes.AchievementRetired, data: { achievementId: achievement.achievementId, providerId: 'uni-a', reason: 'superseded' } };
  const spec2 = { ...achievement, title: 'Data literacy II' } as unknown as AchievementSpec;
  const revise = (providerId = 'uni-a') => ({ type: 'ReviseAchievement' as const, providerId, achievementId: achievement.achievementId, spec: spec2, reason: 'new outcomes' });
  const retire = (providerId = 'uni-a') => ({ type: 'RetireAchievement' as const, providerId, achievementId: achievement.achievementId, reason: 'superseded' });

  describe('when defined and live', () => {
    it('revises it with the whole new specification and a reason', () =>
      spec.given([defined]).when(revise()).then([{ type: EventTypes.AchievementRevised, data: { achievementId: achievement.achievementId, providerId: 'uni-a', spec: spec2, reason: 'new outcomes' } }]));
    it('retires it', () => spec.given([defined]).when(retire()).then([retired]));
    it("refuses another provider's revision", () => spec.given([defined]).when(revise('uni-b')).thenRefuses('ACHIEVEMENT.OTHER_PROVIDER'));
    it("refuses another provider's retirement", () => spec.given([defined]).when(retire('uni-b')).thenRefuses('ACHIEVEMENT.OTHER_PROVIDER'));
  });

  describe('when retired', () => {
    it('refuses a revision', () => spec.given([defined, retired]).when(revise()).thenRefuses('ACHIEVEMENT.RETIRED'));
    it('refuses a second retirement', () => spec.given([defined, retired]).when(retire()).thenRefuses('ACHIEVEMENT.RETIRED'));
    it('shows the revised specification before retirement', () => {
      const state = [defined, { type: EventTypes.AchievementRevised, data: { ...revise(), spec: spec2 } }, retired].reduce(evolveAchievement, initialAchievementState);
      expect(state).toMatchObject({ retired: true, defined: { title: 'Data literacy II', achievementId: achievement.achievementId } });
    });
  });

  describe('when never defined', () => {
    it('refuses a revision', () => spec.given([]).when(revise()).thenRefuses('ACHIEVEMENT.NOT_FOUND'));
    it('refuses a retirement', () => spec.given([]).when(retire()).thenRefuses('ACHIEVEMENT.NOT_FOUND'));
  });
});
