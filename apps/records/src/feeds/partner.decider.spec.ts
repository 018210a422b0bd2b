import { EventTypes, PartnerRegistered } from '@app/contracts';
import { decidePartner, evolvePartner, initialPartnerState } from './partner.decider';

const partner = (over: Partial<PartnerRegistered> = {}): PartnerRegistered => ({
  partnerId: 'employer-portal', name: 'Employer Portal',
  scope: { jurisdictions: ['NZ'], eventKinds: ['credential.issued'], purposes: ['employment-verification'] },
  deliveries: { kafka: true }, ...over,
});
const given = (...registered: PartnerRegistered[]) =>
  registered.reduce((s, data) => evolvePartner(s, { type: EventTypes.PartnerRegistered, data }), initialPartnerState);

describe('partner decider', () => {
  describe('when no partner is registered under the id', () => {
    it('registers it', () => {
      expect(decidePartner(given(), { type: 'RegisterPartner', partner: partner() })).toEqual([{ type: 'PartnerRegistered', data: partner() }]);
    });
  });

  describe('when the same partner is registered', () => {
    it('decides nothing (a retry)', () => {
      expect(decidePartner(given(partner()), { type: 'RegisterPartner', partner: partner() })).toEqual([]);
    });

    it('refuses another scope under the id with PARTNER.ALREADY_REGISTERED', () => {
      const wider = partner({ scope: { jurisdictions: ['NZ', 'AU'], eventKinds: ['credential.issued'], purposes: ['employment-verification'] } });
      expect(() => decidePartner(given(partner()), { type: 'RegisterPartner', partner: wider })).toThrow(expect.objectContaining({ code: 'PARTNER.ALREADY_REGISTERED' }));
    });
  });
});
