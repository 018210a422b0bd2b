import { settleWithin, untilAborted } from './backoff';

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
