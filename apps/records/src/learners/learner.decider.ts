import { DomainError, EventTypes, LearnerEvent, LedgerEvent, RecordedEvent, Streams } from '@app/contracts';
import { RequestValidationError } from '@app/platform';

/** One learner's stream, as merge and split decide on it. */
export interface LearnerState {
  /** Learners merged into this one and not split back out since, each with the position of that merge. */
  absorbed: Record<string, number>;
  /** The learner this one is merged into, as its own stream records it. */
  mergedInto?: string;
  /** The stream's last event when it is a split of this learner: answers a retry of that split. */
  lastSplit?: { credentialIds: string[]; newLearnerId: string; position: number };
}

export type LearnerCommand =
  | { type: 'MergeLearners'; learnerIds: string[]; reason: string }
  /** `held`: whether the learner holds every credential named (the read model knows, the stream does not). */
  | { type: 'SplitLearner'; learnerId: string; credentialIds: string[]; newLearnerId: string; reason: string; held: boolean };

export const initialLearnerState: LearnerState = { absorbed: {} };

/**
 * A merge is recorded on the stream of every learner it names, and a split on the stream of
 * the learner split and of the one it opens or restores, so two people acting on the same
 * learners at once cannot both succeed: each append expects the revisions decided on.
 */
export function evolveLearner(state: LearnerState, event: RecordedEvent<LedgerEvent>): LearnerState {
  switch (event.type) {
    case EventTypes.LearnerRecordsMerged: {
      const { learnerIds, into } = event.data;
      if (event.streamId !== Streams.learner(into)) return { ...state, mergedInto: into, lastSplit: undefined };
      const absorbed = { ...state.absorbed };
      for (const id of learnerIds) if (id !== into) absorbed[id] = event.position;
      return { ...state, absorbed, lastSplit: undefined };
    }
    case EventTypes.LearnerRecordsSplit: {
      const { learnerId, credentialIds, newLearnerId } = event.data;
      if (event.streamId !== Streams.learner(learnerId)) return { ...state, mergedInto: undefined, lastSplit: undefined };
      const { [newLearnerId]: _undone, ...absorbed } = state.absorbed;
      return { ...state, absorbed, lastSplit: { credentialIds, newLearnerId, position: event.position } };
    }
    default:
      return state.lastSplit ? { ...state, lastSplit: undefined } : state;
  }
}

/** The events to append, by learner (empty when the command is already done: a retry writes nothing). */
export type LearnerDecision = Map<string, LearnerEvent[]>;

/**
 * Merge: every learner named other than the first joins the first; already done when the
 * first absorbed them all; refused when one of them (or the first) is merged into another.
 * Split: the credentials move to `newLearnerId`; already done when the learner's last event
 * is a split of those very credentials (the read model may already show them moved); refused when the learner does not hold them all.
 */
export function decideLearners(states: Map<string, LearnerState>, command: LearnerCommand): LearnerDecision {
  const state = (id: string) => states.get(id) ?? initialLearnerState;
  if (command.type === 'MergeLearners') {
    const { learnerIds, reason } = command;
    const [into, ...others] = learnerIds;
    if (others.every((id) => state(into).absorbed[id] !== undefined)) return new Map();
    if (learnerIds.some((id) => state(id).mergedInto !== undefined && !(id !== into && state(id).mergedInto === into))) {
      throw new DomainError('LEARNER.ALREADY_MERGED', 'a learner in learnerIds is already merged into another', false, { field: 'learnerIds' });
    }
    const merged: LearnerEvent = { type: EventTypes.LearnerRecordsMerged, data: { learnerIds, into, reason } };
    return new Map(learnerIds.map((id) => [id, [merged]]));
  }
  const { learnerId, credentialIds, newLearnerId, reason } = command;
  const last = state(learnerId).lastSplit;
  if (last && sameSet(last.credentialIds, credentialIds)) return new Map();
  if (!command.held) throw new RequestValidationError([{ field: 'credentialIds', message: 'credentialIds must name credentials the learner holds' }]);
  if (state(learnerId).mergedInto !== undefined) {
    throw new DomainError('LEARNER.ALREADY_MERGED', 'the learner is merged into another: split that one', false, { field: 'learnerId' });
  }
  const split: LearnerEvent = { type: EventTypes.LearnerRecordsSplit, data: { learnerId, credentialIds: [...credentialIds].sort(), newLearnerId, reason } };
  return new Map([[learnerId, [split]], [newLearnerId, [split]]]);
}

function sameSet(a: string[], b: string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}

export const learnerDecider = { initial: initialLearnerState, evolve: evolveLearner, decide: decideLearners };
