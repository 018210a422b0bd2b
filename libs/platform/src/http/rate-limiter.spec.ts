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
