import { setTimeout as sleep } from 'node:timers/promises';

/** Waits `ms`, or less if `signal` aborts first (which resolves, not rejects). */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return;
  try {
    await sleep(ms, undefined, { signal });
  } catch (err) {
    // An abort only cuts the wait short: the caller checks its own state after waking.
    if (!signal?.aborted) throw err;
  }
}

/**
 * Waits for every promise to settle, or `ms`, whichever comes first; true when they all
 * settled. Rejections are left to their owners: this only bounds how long we wait.
 */
export async function settleWithin(promises: (Promise<unknown> | undefined)[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([Promise.allSettled(promises.filter((p) => p !== undefined)).then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `work`, or a rejection as soon as `signal` aborts; `work` then goes on unobserved. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
