import { backoffDelay, settleWithin, untilAborted } from './backoff';

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

describe('settleWithin', () => {
  describe('when every promise settles in time', () => {
    it('is true, rejections included', async () => {
      await expect(settleWithin([Promise.resolve(1), Promise.reject(new Error('x')), undefined], 1_000)).resolves.toBe(true);
    });
  });

  describe('when one never settles', () => {
    it('is false once the time is up', async () => {
      await expect(settleWithin([new Promise(() => undefined)], 10)).resolves.toBe(false);
    });
  });
});

describe('untilAborted', () => {
  describe('when the signal aborts before the work ends', () => {
    it('rejects at once, and the work is left unobserved', async () => {
      const controller = new AbortController();
      const never = new Promise<void>(() => undefined);
      const waiting = untilAborted(never, controller.signal);
      controller.abort();
      await expect(waiting).rejects.toThrow('aborted');
    });
  });

  describe('when the work ends first', () => {
    it('settles as the work did', async () => {
      const signal = new AbortController().signal;
      await expect(untilAborted(Promise.resolve(7), signal)).resolves.toBe(7);
      await expect(untilAborted(Promise.reject(new Error('no')), signal)).rejects.toThrow('no');
    });
  });
});
