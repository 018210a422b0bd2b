import { EventTypes, LearnerEvent, LedgerEvent, RecordedEvent, Streams } from '@app/contracts';
import { decideLearners, evolveLearner, initialLearnerState, LearnerState } from './learner.decider';

const [a, b, c] = ['a0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000003'];
const [c1, c2] = ['11111111-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000002'];
let position = 0;
const recorded = (learnerId: string, event: LearnerEvent): RecordedEvent<LedgerEvent> =>
  ({ ...event, streamId: Streams.learner(learnerId), revision: 0, position: ++position, metadata: { eventId: `e${position}` } }) as RecordedEvent<LedgerEvent>;

/** Each learner's state after `history` (events as appended to the streams they name). */
function statesAfter(history: [string, LearnerEvent][], ids: string[]): Map<string, LearnerState> {
  return new Map(ids.map((id) => [id, history.filter(([s]) => s === id).reduce((st, [s, e]) => evolveLearner(st, recorded(s, e)), initialLearnerState)]));
}
const merged = (learnerIds: string[]): LearnerEvent => ({ type: EventTypes.LearnerRecordsMerged, data: { learnerIds, into: learnerIds[0], reason: 'same person' } });
const split = (learnerId: string, credentialIds: string[], newLearnerId: string): LearnerEvent => ({ type: EventTypes.LearnerRecordsSplit, data: { learnerId, credentialIds, newLearnerId, reason: 'not the same' } });
const mergeOn = (ids: string[]): [string, LearnerEvent][] => ids.map((id) => [id, merged(ids)]);
const splitOn = (l: string, cs: string[], n: string): [string, LearnerEvent][] => [[l, split(l, cs, n)], [n, split(l, cs, n)]];

describe('learner decider', () => {
  describe('merge', () => {
    it('records the merge on the stream of every learner named', () => {
      const decision = decideLearners(statesAfter([], [a, b, c]), { type: 'MergeLearners', learnerIds: [a, b, c], reason: 'same person' });
      expect([...decision.keys()]).toEqual([a, b, c]);
      for (const events of decision.values()) expect(events).toEqual([merged([a, b, c])]);
    });

    it('writes nothing for a merge already made (a retry)', () => {
      const states = statesAfter(mergeOn([a, b]), [a, b]);
      expect(decideLearners(states, { type: 'MergeLearners', learnerIds: [a, b], reason: 'same person' }).size).toBe(0);
    });

    it('refuses a learner merged into another, and a merge into a merged learner (no cycle)', () => {
      const states = statesAfter(mergeOn([a, b]), [a, b, c]);
      expect(() => decideLearners(states, { type: 'MergeLearners', learnerIds: [c, b], reason: 'r' })).toThrow(expect.objectContaining({ code: 'LEARNER.ALREADY_MERGED' }));
      expect(() => decideLearners(states, { type: 'MergeLearners', learnerIds: [b, a], reason: 'r' })).toThrow(expect.objectContaining({ code: 'LEARNER.ALREADY_MERGED' }));
    });

    it('merges again once a split undid the merge', () => {
      const states = statesAfter([...mergeOn([a, b]), ...splitOn(a, [c2], b)], [a, b]);
      expect(states.get(a)!.absorbed).toEqual({});
      expect(states.get(b)!.mergedInto).toBeUndefined();
      expect(decideLearners(states, { type: 'MergeLearners', learnerIds: [a, b], reason: 'after all' }).size).toBe(2);
    });
  });

  describe('split', () => {
    const command = { type: 'SplitLearner' as const, learnerId: a, credentialIds: [c2, c1], newLearnerId: c, reason: 'not the same', held: true };

    it('records the split on the learner split and on the one it opens, credentials sorted', () => {
      const decision = decideLearners(statesAfter([], [a, c]), command);
      expect([...decision]).toEqual([[a, [split(a, [c1, c2], c)]], [c, [split(a, [c1, c2], c)]]]);
    });

    it('writes nothing for the split just made (a retry), even once the credentials read as moved', () => {
      const states = statesAfter(splitOn(a, [c1, c2], c), [a, c]);
      expect(decideLearners(states, { ...command, held: false, newLearnerId: b }).size).toBe(0);
    });

    it('splits again once something else happened on the learner', () => {
      const linked: LearnerEvent = { type: EventTypes.LearnerCredentialLinked, data: { learnerId: a, credentialId: c1, providerId: 'p' } };
      const states = statesAfter([...splitOn(a, [c1], c), [a, linked]], [a, c]);
      expect(decideLearners(states, { ...command, credentialIds: [c1] }).size).toBe(2);
    });

    it('refuses credentials the learner does not hold, naming the field', () => {
      expect(() => decideLearners(statesAfter([], [a, c]), { ...command, held: false })).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ field: 'credentialIds' })] }));
    });
  });
});
