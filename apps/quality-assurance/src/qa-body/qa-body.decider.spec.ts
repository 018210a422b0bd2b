import { EventTypes, QualityAssuranceBodyRegistered } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import { decideQaBody } from './qa-body.decider';
import { evolveQaBody, initialQaBodyState } from './qa-body.state';

const body: QualityAssuranceBodyRegistered = { qaBodyId: 'nzqa', name: 'NZQA', jurisdictions: ['NZ'], frameworks: ['NZQCF'] };
const registered = { type: EventTypes.QualityAssuranceBodyRegistered, data: body };
const spec = deciderSpec({ initial: initialQaBodyState, evolve: evolveQaBody, decide: decideQaBody });

describe('QA body decider', () => {
  describe('when not registered', () => {
    it('registers', () => spec.given([]).when({ type: 'RegisterQaBody', ...body }).then([registered]));
  });
  describe('when registered', () => {
    it('answers the same registration with nothing new', () => spec.given([registered]).when({ type: 'RegisterQaBody', ...body }).then([]));
    it('refuses a different registration', () =>
      spec.given([registered]).when({ type: 'RegisterQaBody', ...body, jurisdictions: ['AU'] }).thenRefuses('QA_BODY.ALREADY_REGISTERED'));
  });
});
