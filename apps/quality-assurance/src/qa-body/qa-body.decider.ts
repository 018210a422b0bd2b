import { isDeepStrictEqual } from 'node:util';
import { DomainError, EventTypes, QaBodyEvent, QualityAssuranceBodyRegistered } from '@app/contracts';
import { evolveQaBody, initialQaBodyState, QaBodyState } from './qa-body.state';

export type QaBodyCommand = { type: 'RegisterQaBody' } & QualityAssuranceBodyRegistered;

/** Registered once; the same registration again is answered as done, a different one refused. */
export function decideQaBody(state: QaBodyState, command: QaBodyCommand): QaBodyEvent[] {
  const { type: _type, ...data } = command;
  if (state.registered) {
    if (isDeepStrictEqual({ ...state.registered }, { ...data })) return [];
    throw new DomainError('QA_BODY.ALREADY_REGISTERED', `QA body ${command.qaBodyId} is already registered`);
  }
  return [{ type: EventTypes.QualityAssuranceBodyRegistered, data }];
}

export const qaBodyDecider = { initial: initialQaBodyState, evolve: evolveQaBody, decide: decideQaBody };
