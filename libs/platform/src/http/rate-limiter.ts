export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the bucket is full again. */
  resetSeconds: number;
}

/**
 * Fixed-window counters in memory, one per bucket key. Each process counts for itself (limits
 * are per replica). Every window lasts as long, so the map, in insertion order, is in order of
 * window end as long as a renewed window is re-inserted at the back: ended windows are then
 * always at the front, and each request drops the ones it finds there. A request costs O(1)
 * amortised, never a scan of every bucket (a million addresses seen once would otherwise stall
 * one request a minute for the whole sweep).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly windowMs = 60_000) {}

  /** Buckets held now (ended windows not yet dropped included). */
  get size(): number {
    return this.windows.size;
  }

  hit(key: string, limit: number, now: number = Date.now()): RateDecision {
    this.dropEnded(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      // Delete first: Map.set on a present key keeps its old place, which would break the order.
      this.windows.delete(key);
      window = { count: 0, endsAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
    return { allowed: window.count <= limit, limit, remaining: Math.max(0, limit - window.count), resetSeconds };
  }

  /** Drops ended windows from the front; stops at the first live one. */
  private dropEnded(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt > now) return;
      this.windows.delete(key);
    }
  }
}
