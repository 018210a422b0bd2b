import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  const t0 = 1_000_000;

  it('allows up to the limit in a window, then refuses with the seconds until it ends', () => {
    const limiter = new RateLimiter(60_000);
    const answers = Array.from({ length: 4 }, (_, i) => limiter.hit('k', 3, t0 + i * 1000));
    expect(answers.map((a) => a.allowed)).toEqual([true, true, true, false]);
    expect(answers[2].remaining).toBe(0);
    expect(answers[3].resetSeconds).toBe(57);
  });

  it('counts each bucket on its own', () => {
    const limiter = new RateLimiter(60_000);
    limiter.hit('a', 1, t0);
    expect(limiter.hit('a', 1, t0).allowed).toBe(false);
    expect(limiter.hit('b', 1, t0).allowed).toBe(true);
  });

  it('starts a fresh window once the old one ended', () => {
    const limiter = new RateLimiter(60_000);
    limiter.hit('k', 1, t0);
    expect(limiter.hit('k', 1, t0 + 59_999).allowed).toBe(false);
    expect(limiter.hit('k', 1, t0 + 60_000)).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 60 });
  });
});

describe('RateLimiter memory', () => {
  const t0 = 1_000_000;

  it('forgets buckets whose window ended, keeping the live ones', () => {
    const limiter = new RateLimiter(60_000);
    for (let i = 0; i < 1000; i++) limiter.hit(`ip:${i}`, 10, t0);
    limiter.hit('late', 10, t0 + 30_000);
    expect(limiter.size).toBe(1001);
    limiter.hit('later', 10, t0 + 60_000);
    expect(limiter.size).toBe(2);
  });

  it('keeps a renewed window behind older ones, so dropping from the front never loses a live count', () => {
    const limiter = new RateLimiter(60_000);
    limiter.hit('a', 2, t0);
    limiter.hit('b', 2, t0 + 30_000);
    // a's window ended: renewed, it now ends after b's.
    limiter.hit('a', 2, t0 + 60_000);
    limiter.hit('a', 2, t0 + 60_001);
    // b's window ended and is dropped; a's renewed window must still count its two hits.
    expect(limiter.hit('a', 2, t0 + 90_000).allowed).toBe(false);
    expect(limiter.size).toBe(1);
  });
});
