import { EventTypes, ProviderAccredited } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import { QaBodyState } from '../qa-body/qa-body.state';
import { AccreditationCommand, decideAccreditation } from './accreditation.decider';
import { evolveAccreditation, initialAccreditationState } from './accreditation.state';

const accreditationId = '0b9d7c1e-2f3a-4b5c-8d6e-7f8091a2b3c4';
const accreditation: ProviderAccredited = {
  accreditationId, qaBodyId: 'nzqa', providerId: 'uni-a',
  scope: { framework: 'NZQCF', minLevel: 5, maxLevel: 7 },
  validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-07-01T00:00:00Z',
};
const nzqa: QaBodyState = { registered: { qaBodyId: 'nzqa', name: 'NZQA', jurisdictions: ['NZ'], frameworks: ['NZQCF'] } };
const refs = { accreditationId, qaBodyId: 'nzqa', providerId: 'uni-a' };

const accredit = (over: Partial<Extract<AccreditationCommand, { type: 'AccreditProvider' }>> = {}): AccreditationCommand => ({
  type: 'AccreditProvider', accreditation, qaBody: nzqa, providerJurisdiction: 'NZ', ...over,
});
const suspend = (effectiveFrom = '2026-04-01T00:00:00Z'): AccreditationCommand => ({ type: 'SuspendAccreditation', accreditationId, effectiveFrom, reason: 'audit' });
const reinstate = (effectiveFrom = '2026-05-01T00:00:00Z'): AccreditationCommand => ({ type: 'ReinstateAccreditation', accreditationId, effectiveFrom });
const withdraw = (effectiveFrom = '2026-06-01T00:00:00Z'): AccreditationCommand => ({ type: 'WithdrawAccreditation', accreditationId, effectiveFrom, reason: 'failed review' });

const accredited = { type: EventTypes.ProviderAccredited, data: accreditation };
const suspended = (effectiveFrom = '2026-04-01T00:00:00Z') => ({ type: EventTypes.AccreditationSuspended, data: { ...refs, effectiveFrom, reason: 'audit' } });
const reinstated = (effectiveFrom = '2026-05-01T00:00:00Z') => ({ type: EventTypes.AccreditationReinstated, data: { ...refs, effectiveFrom } });
const withdrawn = (effectiveFrom = '2026-06-01T00:00:00Z') => ({ type: EventTypes.AccreditationWithdrawn, data: { ...refs, effectiveFrom, reason: 'failed review' } });

const spec = deciderSpec({ initial: initialAccreditationState, evolve: evolveAccreditation, decide: decideAccreditation });

describe('accreditation decider', () => {
  describe('when nothing was accredited', () => {
    it('accredits a provider inside the QA body jurisdictions', () => spec.given([]).when(accredit()).then([accredited]));
    it('accredits a provider in a subdivision of the QA body country', () =>
      spec.given([]).when(accredit({ qaBody: { registered: { ...nzqa.registered!, jurisdictions: ['CA'] } }, providerJurisdiction: 'CA-ON' })).then([accredited]));
    it('refuses an unregistered QA body', () => spec.given([]).when(accredit({ qaBody: {} })).thenRefuses('QA_BODY.NOT_FOUND'));
    it('refuses an unregistered provider', () => spec.given([]).when(accredit({ providerJurisdiction: undefined })).thenRefuses('PROVIDER.NOT_FOUND'));
    it('refuses a provider outside the QA body jurisdictions', () => spec.given([]).when(accredit({ providerJurisdiction: 'AU' })).thenRefuses('QA_BODY.OUTSIDE_JURISDICTION'));
    it("refuses a scope outside the QA body's frameworks", () =>
      spec.given([]).when(accredit({ accreditation: { ...accreditation, scope: { framework: 'AQF', minLevel: 5, maxLevel: 7 } } })).thenRefuses('QA_BODY.OUTSIDE_FRAMEWORKS'));
    it('refuses an inverted window', () =>
      spec.given([]).when(accredit({ accreditation: { ...accreditation, validUntil: accreditation.validFrom } })).thenRefuses('ACCREDITATION.INVALID_WINDOW'));
    it('refuses an inverted level range', () =>
      spec.given([]).when(accredit({ accreditation: { ...accreditation, scope: { framework: 'NZQCF', minLevel: 7, maxLevel: 5 } } })).thenRefuses('ACCREDITATION.INVALID_SCOPE'));
    it('refuses to suspend', () => spec.given([]).when(suspend()).thenRefuses('ACCREDITATION.NOT_FOUND'));
    it('refuses to reinstate', () => spec.given([]).when(reinstate()).thenRefuses('ACCREDITATION.NOT_FOUND'));
    it('refuses to withdraw', () => spec.given([]).when(withdraw()).thenRefuses('ACCREDITATION.NOT_FOUND'));
  });

  describe('when accredited', () => {
    it('answers the same accreditation again with nothing new', () => spec.given([accredited]).when(accredit()).then([]));
    it('refuses the same id with other content', () =>
      spec.given([accredited]).when(accredit({ accreditation: { ...accreditation, validUntil: '2027-01-01T00:00:00Z' } })).thenRefuses('ACCREDITATION.ALREADY_EXISTS'));
    it('suspends', () => spec.given([accredited]).when(suspend()).then([suspended()]));
    it('suspends from the first instant of the window', () => spec.given([accredited]).when(suspend(accreditation.validFrom)).then([suspended(accreditation.validFrom)]));
    it('refuses a suspension before the window', () => spec.given([accredited]).when(suspend('2026-02-28T23:59:59Z')).thenRefuses('ACCREDITATION.OUTSIDE_WINDOW'));
    it('refuses a suspension from the window end, when it has already expired', () => spec.given([accredited]).when(suspend(accreditation.validUntil)).thenRefuses('ACCREDITATION.OUTSIDE_WINDOW'));
    it('refuses to reinstate', () => spec.given([accredited]).when(reinstate()).thenRefuses('ACCREDITATION.NOT_SUSPENDED'));
    it('withdraws', () => spec.given([accredited]).when(withdraw()).then([withdrawn()]));
  });

  describe('when suspended', () => {
    const history = [accredited, suspended()];
    it('refuses a second suspension', () => spec.given(history).when(suspend('2026-04-10T00:00:00Z')).thenRefuses('ACCREDITATION.ALREADY_SUSPENDED'));
    it('reinstates', () => spec.given(history).when(reinstate()).then([reinstated()]));
    it('refuses a reinstatement effective before the suspension', () => spec.given(history).when(reinstate('2026-03-15T00:00:00Z')).thenRefuses('ACCREDITATION.OUT_OF_ORDER'));
    it('withdraws', () => spec.given(history).when(withdraw()).then([withdrawn()]));
  });

  describe('when reinstated', () => {
    const history = [accredited, suspended(), reinstated()];
    it('suspends again', () => spec.given(history).when(suspend('2026-05-15T00:00:00Z')).then([suspended('2026-05-15T00:00:00Z')]));
    it('refuses another reinstatement', () => spec.given(history).when(reinstate('2026-05-20T00:00:00Z')).thenRefuses('ACCREDITATION.NOT_SUSPENDED'));
  });

  describe('when withdrawn', () => {
    const history = [accredited, withdrawn()];
    it('refuses a suspension', () => spec.given(history).when(suspend('2026-06-10T00:00:00Z')).thenRefuses('ACCREDITATION.ALREADY_WITHDRAWN'));
    it('refuses a reinstatement', () => spec.given(history).when(reinstate('2026-06-10T00:00:00Z')).thenRefuses('ACCREDITATION.ALREADY_WITHDRAWN'));
    it('refuses a second withdrawal', () => spec.given(history).when(withdraw('2026-06-10T00:00:00Z')).thenRefuses('ACCREDITATION.ALREADY_WITHDRAWN'));
  });
});
