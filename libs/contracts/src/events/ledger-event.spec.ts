import { EventTypes } from './event-types';
import { fromStorage, isEventOf, isLedgerEventType, LedgerEvent } from './ledger-event';

describe('the ledger event union', () => {
  describe('when a stored event is read back', () => {
    it('narrows its data by its type name', () => {
      const event: LedgerEvent = fromStorage('ProviderSigningPolicySet', { providerId: 'uni-a', requireSignedBatches: true });
      const required = event.type === EventTypes.ProviderSigningPolicySet ? event.data.requireSignedBatches : undefined;
      expect(required).toBe(true);
    });
  });

  describe('when a type name is checked', () => {
    it('knows every name in EventTypes and no other', () => {
      expect(Object.values(EventTypes).every(isLedgerEventType)).toBe(true);
      expect(isLedgerEventType('IdentifierClaimed')).toBe(false);
    });

    it('picks the events of the named types only', () => {
      const events = [fromStorage('CredentialRevoked', { credentialId: 'c', credentialRef: 'r', providerId: 'p', reason: 'x' }), fromStorage('ProviderRegistered', {})];
      expect(events.filter((e) => isEventOf(e, EventTypes.CredentialRevoked, EventTypes.CredentialSuspended)).map((e) => e.data.reason)).toEqual(['x']);
    });
  });
});
