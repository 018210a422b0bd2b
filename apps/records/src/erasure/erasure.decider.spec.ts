import { EventOf, RecordedEvent } from '@app/contracts';
import { erasureDecider } from './erasure.decider';

const learnerId = '0b9c3a56-58e8-4c8e-9a57-3b0b7a3f1d10';
const k1 = '11111111-1111-5111-8111-111111111111';
const k2 = '22222222-2222-5222-8222-222222222222';
const erase = (keyIds: string[]) => ({ type: 'EraseLearner' as const, learnerId, keyIds, reason: 'asked to be forgotten' });

describe('erasure decider', () => {
  describe('when the learner was not erased', () => {
    it('erases them once, naming each destroyed key once, in order', () => {
      expect(erasureDecider.decide(erasureDecider.initial, erase([k2, k1, k2]))).toEqual([
        { type: 'LearnerErased', data: { learnerId, keyIds: [k1, k2], reason: 'asked to be forgotten' } },
      ]);
    });

    it('erases a learner with no personal data too', () => {
      expect(erasureDecider.decide(erasureDecider.initial, erase([]))[0].data.keyIds).toEqual([]);
    });
  });

  describe('when the learner was erased', () => {
    const erased = {
      type: 'LearnerErased', data: { learnerId, keyIds: [k1], reason: 'r' }, metadata: { recordedAt: '2026-05-01T00:00:00Z' }, position: 42,
    } as unknown as RecordedEvent<EventOf<'LearnerErased'>>;
    const state = erasureDecider.evolve(erasureDecider.initial, erased);

    it('records nothing more (a retry ends erased exactly once)', () => {
      expect(erasureDecider.decide(state, erase([k1, k2]))).toEqual([]);
    });

    it('remembers the first erasure', () => {
      expect(state.erased).toEqual({ keyIds: [k1], erasedAt: '2026-05-01T00:00:00Z', position: 42 });
      expect(erasureDecider.evolve(state, { ...erased, position: 50 }).erased?.position).toBe(42);
    });
  });
});
