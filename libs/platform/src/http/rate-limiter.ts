export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the bucket is full again. */
  resetSeconds: number;
}

/**
 * Fixed-window counters in memory, one per bucket key: O(1) per request, so limits cost
 * nothing on the hot path. Each process counts for itself (limits are per replica).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private nextSweep = 0;

  constructor(private readonly windowMs = 60_000) {}

  hit(key: string, limit: number, now: number = Date.now()): RateDecision {
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
    return { allowed: window.count <= limit, limit, remaining: Math.max(0, limit - window.count), resetSeconds };
  }

  /** Drops ended windows once per window length, so addresses seen once do not stay forever. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + this.windowMs;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
