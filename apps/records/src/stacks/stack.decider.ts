import { isDeepStrictEqual } from 'node:util';
import { DomainError, LedgerEvent, StackDefined, StackEvent } from '@app/contracts';

/** A stack as its stream knows it: its definition, once written. */
export interface StackState {
  defined?: StackDefined;
}

export const initialStackState: StackState = {};

export function evolveStack(state: StackState, event: LedgerEvent): StackState {
  return event.type === 'StackDefined' ? { defined: event.data } : state;
}

export interface DefineStack {
  type: 'DefineStack';
  stack: StackDefined;
}

/**
 * A stack is defined once. The same definition again is a retry and decides nothing; another
 * definition under the same id is refused (409): a stack is not revised in place, so a learner's
 * progress towards it always means what it meant when they made it. A changed stack is a new one.
 */
export function decideStack(state: StackState, command: DefineStack): StackEvent[] {
  if (!state.defined) return [{ type: 'StackDefined', data: command.stack }];
  if (sameDefinition(state.defined, command.stack)) return [];
  throw new DomainError('STACK.ALREADY_DEFINED', 'stackId: a different stack is already defined under this id; a changed stack needs a new id', false, { field: 'stackId' });
}

function sameDefinition(a: StackDefined, b: StackDefined): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}

export const stackDecider = { initial: initialStackState, evolve: evolveStack, decide: decideStack };
