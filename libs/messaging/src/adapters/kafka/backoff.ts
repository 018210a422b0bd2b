import { setTimeout as sleep } from 'node:timers/promises';

/** How long to wait between attempts: doubling from `initialMs`, never above `maxMs`. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/**
 * The wait before retry number `attempt` (1-based): exponential, with "equal jitter"
 * (half fixed, half random) so consumers that failed together do not retry in lockstep,
 * yet no wait collapses to zero.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

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
