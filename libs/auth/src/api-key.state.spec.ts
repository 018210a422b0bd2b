import { AnyEvent, EventTypes, fromStorage } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import { apiKeyDecider } from './api-key.decider';
import { apiKeyStatus, evolveApiKey, initialApiKeyState } from './api-key.state';

const keyId = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const issued = { type: EventTypes.ApiKeyIssued, data: { keyId, secretHash: '0'.repeat(64), role: 'provider', scope: { providerId: 'uni-a' } } };
const revoked = { type: EventTypes.ApiKeyRevoked, data: { keyId, reason: 'leaked' }, metadata: { recordedAt: '2026-05-01T00:00:00Z' } };
const rotated = (validUntil: string, replacedBy = 'bbbbbbbbbbbbbbbbbbbbbbbb') => ({ type: EventTypes.ApiKeyRotated, data: { keyId, replacedBy, validUntil } });
const fold = (events: (AnyEvent & { metadata?: { recordedAt: string } })[]) =>
  events.reduce((s, e) => evolveApiKey(s, { ...fromStorage(e.type, e.data), ...(e.metadata ? { metadata: e.metadata } : {}) }), initialApiKeyState);
const at = (instant: string) => Date.parse(instant);

describe('API key state', () => {
  it('is unknown before it is issued, and active once issued', () => {
    expect(apiKeyStatus(fold([]), at('2026-01-01T00:00:00Z'))).toBe('unknown');
    expect(apiKeyStatus(fold([issued]), at('2026-01-01T00:00:00Z'))).toBe('active');
  });

  it('is revoked from the revocation on, with its reason and time', () => {
    const state = fold([issued, revoked]);
    expect(apiKeyStatus(state, at('2026-01-01T00:00:00Z'))).toBe('revoked');
    expect(state.revoked).toEqual({ reason: 'leaked', at: '2026-05-01T00:00:00Z' });
  });

  it('works until a rotation instant (exclusive), then is expired', () => {
    const state = fold([issued, rotated('2026-06-01T00:00:00Z')]);
    expect(apiKeyStatus(state, at('2026-05-31T23:59:59Z'))).toBe('active');
    expect(apiKeyStatus(state, at('2026-06-01T00:00:00Z'))).toBe('expired');
    expect(state.replacedBy).toEqual(['bbbbbbbbbbbbbbbbbbbbbbbb']);
  });

  it('keeps the earliest end when rotated again', () => {
    const later = fold([issued, rotated('2026-06-01T00:00:00Z'), rotated('2026-07-01T00:00:00Z', 'cccccccccccccccccccccccc')]);
    expect(later.validUntil).toBe('2026-06-01T00:00:00Z');
    expect(later.replacedBy).toHaveLength(2);
    expect(fold([issued, rotated('2026-06-01T00:00:00Z'), rotated('2026-05-01T00:00:00+02:00')]).validUntil).toBe('2026-05-01T00:00:00+02:00');
  });

  it('says revoked rather than expired when both hold', () => {
    expect(apiKeyStatus(fold([issued, rotated('2026-06-01T00:00:00Z'), revoked]), at('2026-07-01T00:00:00Z'))).toBe('revoked');
  });
});

describe('API key decider', () => {
  const spec = deciderSpec(apiKeyDecider);
  const revoke = (by = 'cccccccccccccccccccccccc') => ({ type: 'RevokeApiKey' as const, keyId, reason: 'leaked', by });
  const rotate = (now = '2026-05-01T00:00:00Z') => ({ type: 'RotateApiKey' as const, keyId, replacedBy: 'bbbbbbbbbbbbbbbbbbbbbbbb', validUntil: '2026-06-01T00:00:00Z', now: at(now) });

  describe('when revoking', () => {
    it('records the revocation with its reason', () => spec.given([issued]).when(revoke()).then([{ type: EventTypes.ApiKeyRevoked, data: { keyId, reason: 'leaked' } }]));
    it('records nothing the second time', () => spec.given([issued, revoked]).when(revoke()).then([]));
    it('refuses an unknown key', () => spec.given([]).when(revoke()).thenRefuses('API_KEY.NOT_FOUND'));
    it('refuses a key revoking itself', () => spec.given([issued]).when(revoke(keyId)).thenRefuses('API_KEY.OWN_KEY'));
    it('revokes a rotated-out key too', () => spec.given([issued, rotated('2026-06-01T00:00:00Z')]).when(revoke()).then([{ type: EventTypes.ApiKeyRevoked }]));
  });

  describe('when rotating', () => {
    it('schedules the end of the old key', () =>
      spec.given([issued]).when(rotate()).then([{ type: EventTypes.ApiKeyRotated, data: { keyId, replacedBy: 'bbbbbbbbbbbbbbbbbbbbbbbb', validUntil: '2026-06-01T00:00:00Z' } }]));
    it('may rotate again while the old key still works', () => spec.given([issued, rotated('2026-06-01T00:00:00Z')]).when(rotate('2026-05-15T00:00:00Z')).then([{ type: EventTypes.ApiKeyRotated }]));
    it('refuses an unknown key', () => spec.given([]).when(rotate()).thenRefuses('API_KEY.NOT_FOUND'));
    it('refuses a revoked key', () => spec.given([issued, revoked]).when(rotate()).thenRefuses('API_KEY.ALREADY_REVOKED'));
    it('refuses an expired key', () => spec.given([issued, rotated('2026-04-01T00:00:00Z')]).when(rotate()).thenRefuses('API_KEY.EXPIRED'));
  });
});
