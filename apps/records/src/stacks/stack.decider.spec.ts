import { StackDefined } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import { DefineStack, stackDecider } from './stack.decider';

const stack: StackDefined = {
  stackId: 'ffffffff-0000-4000-8000-000000000000', title: 'Certificate', jurisdiction: 'NZ', minimumEcts: 15, minimumEqfLevel: 5,
  achievements: [{ providerId: 'uni-a', achievementId: 'aaaaaaaa-0000-4000-8000-000000000001', mandatory: true }],
};
const define = (s: StackDefined): DefineStack => ({ type: 'DefineStack', stack: s });
const spec = deciderSpec(stackDecider);

describe('stack decider', () => {
  describe('when the stack is new', () => {
    it('defines it', () => spec.given([]).when(define(stack)).then([{ type: 'StackDefined', data: stack }]));
  });

  describe('when the stack is already defined', () => {
    it('decides nothing for the same definition (a retry)', () => spec.given([{ type: 'StackDefined', data: stack }]).when(define({ ...stack })).then([]));

    it('refuses another definition under the same id', () => {
      spec.given([{ type: 'StackDefined', data: stack }]).when(define({ ...stack, minimumEcts: 20 })).thenRefuses('STACK.ALREADY_DEFINED');
      spec.given([{ type: 'StackDefined', data: stack }]).when(define({ ...stack, achievements: [{ ...stack.achievements[0], mandatory: false }] })).thenRefuses('STACK.ALREADY_DEFINED');
    });
  });
});
