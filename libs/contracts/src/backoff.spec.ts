import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { initialMs: 100, maxMs: 5_000 };

  describe('when attempts accumulate', () => {
    it('doubles the ceiling each attempt', () => {
      expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800]);
    });

    it('never exceeds the maximum', () => {
      expect(backoffDelay(30, policy, () => 1)).toBe(5_000);
    });
  });

  describe('when jitter is drawn', () => {
    it('stays between half the ceiling and the ceiling', () => {
      expect(backoffDelay(3, policy, () => 0)).toBe(200);
      expect(backoffDelay(3, policy, () => 0.5)).toBe(300);
    });
  });
});
