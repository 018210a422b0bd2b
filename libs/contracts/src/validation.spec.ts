import { CredentialIssuedPayload, ProviderEventItem } from './wire/provider-events.wire';
import { flattenValidationErrors, validatePlain } from './validation';

describe('validatePlain', () => {
  describe('when a nested field is wrong or missing', () => {
    it('names each field by its path', () => {
      const result = validatePlain(CredentialIssuedPayload, { credentialRef: 'C-1', achievementId: 'not-a-uuid', holder: { identifiers: [{ scheme: 'NZ-NSN' }] }, issuedAt: 'yesterday' }, 'items[0].data');
      expect(result.ok).toBe(false);
      const fields = result.ok ? [] : result.errors.map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['items[0].data.achievementId', 'items[0].data.holder.identifiers[0].value', 'items[0].data.issuedAt']));
      expect(result.ok ? [] : result.errors.find((e) => e.field.endsWith('.value'))?.message).toBe('value is required');
    });
  });

  describe('when an unknown field is sent', () => {
    it('refuses it by name', () => {
      const result = validatePlain(ProviderEventItem, { sourceEventId: 'e1', type: 'CredentialRevoked', data: {}, extra: 1 });
      expect(result.ok ? [] : result.errors).toEqual([{ field: 'extra', message: 'property extra should not exist' }]);
    });
  });

  describe('when the value is not an object', () => {
    it('says so', () => {
      expect(validatePlain(ProviderEventItem, 'text', 'items[3]')).toEqual({ ok: false, errors: [{ field: 'items[3]', message: 'must be a JSON object' }] });
    });
  });

  describe('when a body tries to smuggle a prototype', () => {
    it('refuses it in shallow mode too', () => {
      const raw = JSON.parse('{"sourceEventId":"e1","type":"CredentialRevoked","data":{},"__proto__":{"type":"x"}}');
      const result = validatePlain(ProviderEventItem, raw, 'items[0]', { shallow: true });
      expect(result.ok ? [] : result.errors).toEqual([{ field: 'items[0].__proto__', message: 'property __proto__ should not exist' }]);
    });
  });
});

describe('achievement workload', () => {
  const { DefineAchievementRequest } = jest.requireActual('./wire/admin.wire');
  const base = {
    title: 'T', learningOutcomes: ['o'], assessment: { type: 'exam', supervised: true, identityVerified: true }, participation: 'online', language: 'en',
  };

  it('accepts a breakdown by mode that adds up to the hours', () => {
    const workload = { hours: 10, breakdown: { faceToFace: 2, synchronousOnline: 3, peer: 1, asynchronous: 3, assessment: 1 } };
    expect(validatePlain(DefineAchievementRequest, { ...base, workload }).ok).toBe(true);
  });

  it('refuses a breakdown that does not, naming workload.breakdown', () => {
    const workload = { hours: 10, breakdown: { faceToFace: 2, synchronousOnline: 3, peer: 1, asynchronous: 3, assessment: 2 } };
    const result = validatePlain(DefineAchievementRequest, { ...base, workload });
    expect(result.ok ? [] : result.errors).toEqual([{ field: 'workload.breakdown', message: 'breakdown must add up to hours (10)' }]);
  });
});

describe('flattenValidationErrors', () => {
  it('lists a message once per field even when two constraints share it (both bounds fail on text)', () => {
    const error = { property: 'limit', value: 'abc', constraints: { min: 'limit must be 1-1000', max: 'limit must be 1-1000', isInt: 'limit must be a whole number' }, children: [] };
    expect(flattenValidationErrors([error])).toEqual([
      { field: 'limit', message: 'limit must be 1-1000' },
      { field: 'limit', message: 'limit must be a whole number' },
    ]);
  });
});
