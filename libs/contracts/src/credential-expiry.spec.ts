import { isExpiredAt } from './credential-expiry';

describe('isExpiredAt', () => {
  const until = '2027-03-01T00:00:00Z';

  describe('when the credential is live', () => {
    it.each(['issued', 'suspended'])('is expired from validUntil on (%s)', (status) => {
      expect(isExpiredAt({ status, validUntil: until }, '2027-02-28T23:59:59Z')).toBe(false);
      expect(isExpiredAt({ status, validUntil: until }, until)).toBe(true);
      expect(isExpiredAt({ status, validUntil: until }, new Date('2027-03-02T00:00:00Z'))).toBe(true);
    });

    it('never expires without validUntil', () => {
      expect(isExpiredAt({ status: 'issued' }, '2999-01-01T00:00:00Z')).toBe(false);
    });
  });

  describe('when the credential is not live', () => {
    it.each(['none', 'expired', 'revoked'])('is not (again) expired (%s)', (status) => {
      expect(isExpiredAt({ status, validUntil: until }, '2028-01-01T00:00:00Z')).toBe(false);
    });
  });
});
