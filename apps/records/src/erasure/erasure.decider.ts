import { EventOf, EventTypes, LedgerEvent, RecordedEvent } from '@app/contracts';

/** Whether the learner stream holds an erasure, and what it destroyed. */
export interface ErasureState {
  erased?: { keyIds: string[]; erasedAt: string; position: number };
}

export interface EraseLearner {
  type: 'EraseLearner';
  learnerId: string;
  /** The data keys already destroyed in the vault, before this decision. */
  keyIds: string[];
  reason: string;
}

export const initialErasureState = (): ErasureState => ({});

export function evolveErasure(state: ErasureState, event: RecordedEvent<LedgerEvent>): ErasureState {
  if (event.type !== EventTypes.LearnerErased || state.erased) return state;
  return { erased: { keyIds: event.data.keyIds, erasedAt: event.metadata.recordedAt, position: event.position } };
}

/**
 * A learner is erased once: erasing again records nothing (a retry, or a request after a
 * crash between destroying the keys and appending, both end erased exactly once).
 */
export function decideErasure(state: ErasureState, command: EraseLearner): EventOf<'LearnerErased'>[] {
  if (state.erased) return [];
  const keyIds = [...new Set(command.keyIds)].sort();
  return [{ type: EventTypes.LearnerErased, data: { learnerId: command.learnerId, keyIds, reason: command.reason } }];
}

export const erasureDecider = { initial: initialErasureState(), evolve: evolveErasure, decide: decideErasure };
