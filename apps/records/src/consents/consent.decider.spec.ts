import { ConsentEvent } from '@app/contracts';
import { ConsentCommand, consentDecider, ConsentState } from './consent.decider';

const learnerId = '0b9c3a56-58e8-4c8e-9a57-3b0b7a3f1d10';
const given = (...events: ConsentEvent[]): ConsentState => events.reduce(consentDecider.evolve, consentDecider.initial);
const granted = (partnerId: string, purposes: string[], expiresAt?: string): ConsentEvent =>
  ({ type: 'ConsentGranted', data: { learnerId, partnerId, purposes, ...(expiresAt ? { expiresAt } : {}) } }) as ConsentEvent;
const withdrawn = (partnerId: string): ConsentEvent => ({ type: 'ConsentWithdrawn', data: { learnerId, partnerId } });
const grant = (partnerId: string, purposes: string[], expiresAt?: string, erased = false) =>
  ({ type: 'GrantConsent', learnerId, partnerId, purposes, ...(expiresAt ? { expiresAt } : {}), erased }) as ConsentCommand;
const withdraw = (partnerId: string): ConsentCommand => ({ type: 'WithdrawConsent', learnerId, partnerId });

describe('consent decider', () => {
  describe('when no consent was given', () => {
    it('grants it', () => {
      expect(consentDecider.decide(given(), grant('employer', ['admission']))).toEqual([granted('employer', ['admission'])]);
    });

    it('refuses a withdrawal with 404 (nothing to withdraw)', () => {
      expect(() => consentDecider.decide(given(), withdraw('employer'))).toThrow(expect.objectContaining({ code: 'CONSENT.NOT_FOUND' }));
    });

    it('refuses a grant for an erased learner', () => {
      expect(() => consentDecider.decide(given(), grant('employer', ['admission'], undefined, true))).toThrow(expect.objectContaining({ code: 'LEARNER.ERASED' }));
    });
  });

  describe('when a consent is in force', () => {
    const state = given(granted('employer', ['admission', 'mobility'], '2027-01-01T00:00:00.000Z'));

    it('records nothing when the same consent is granted again', () => {
      expect(consentDecider.decide(state, grant('employer', ['admission', 'mobility'], '2027-01-01T00:00:00.000Z'))).toEqual([]);
    });

    it('replaces it when the terms differ', () => {
      expect(consentDecider.decide(state, grant('employer', ['admission', 'mobility']))).toEqual([granted('employer', ['admission', 'mobility'])]);
      expect(consentDecider.decide(state, grant('employer', ['admission'], '2027-01-01T00:00:00.000Z'))).toHaveLength(1);
    });

    it('keeps consents to other partners apart', () => {
      expect(consentDecider.decide(state, grant('wallet-co', ['wallet']))).toEqual([granted('wallet-co', ['wallet'])]);
      expect(() => consentDecider.decide(state, withdraw('wallet-co'))).toThrow(expect.objectContaining({ code: 'CONSENT.NOT_FOUND' }));
    });

    it('withdraws it, even after the learner was erased', () => {
      expect(consentDecider.decide(state, withdraw('employer'))).toEqual([withdrawn('employer')]);
    });
  });

  describe('when the consent was withdrawn', () => {
    const state = given(granted('employer', ['admission']), withdrawn('employer'));

    it('refuses a second withdrawal with 404', () => {
      expect(() => consentDecider.decide(state, withdraw('employer'))).toThrow(expect.objectContaining({ code: 'CONSENT.NOT_FOUND' }));
    });

    it('grants it afresh', () => {
      expect(consentDecider.decide(state, grant('employer', ['admission']))).toEqual([granted('employer', ['admission'])]);
    });
  });

  it('treats a partner id named like an object property as any other', () => {
    expect(() => consentDecider.decide(given(), withdraw('constructor'))).toThrow(expect.objectContaining({ code: 'CONSENT.NOT_FOUND' }));
  });
});
