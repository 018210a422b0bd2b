/**
 * The one retry backoff of the ledger, used by every engine adapter and loop that retries
 * (event-store subscriptions, the EventStoreDB live signal, both message buses). It lives
 * in contracts, the base lib every other lib already imports, so no lib needs another's.
 */

/** How long to wait between attempts: doubling from `initialMs`, never above `maxMs`. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/**
 * The wait before retry number `attempt` (1-based): exponential, with "equal jitter"
 * (half fixed, half random) so processes that failed together do not retry in lockstep,
 * yet no wait collapses to zero.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
