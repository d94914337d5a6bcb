import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../../src/server/http/rate-limiter.js';

describe('rate limiter (token bucket per client)', () => {
  it('allows a burst of perMinute, then refuses with a Retry-After, then refills over time', () => {
    const limiter = createRateLimiter({ perMinute: 60 });
    const t0 = 1_000_000;
    for (let i = 0; i < 60; i += 1) expect(limiter.take('a', t0).allowed).toBe(true);
    expect(limiter.take('a', t0)).toEqual({ allowed: false, retryAfterS: 1 });
    expect(limiter.take('b', t0).allowed).toBe(true);
    expect(limiter.take('a', t0 + 1_000).allowed).toBe(true);
    expect(limiter.take('a', t0 + 1_000).allowed).toBe(false);
  });

  it('never refuses when disabled (0)', () => {
    const limiter = createRateLimiter({ perMinute: 0 });
    for (let i = 0; i < 1_000; i += 1) expect(limiter.take('a').allowed).toBe(true);
  });

  it('keeps memory bounded under a flood of distinct clients', () => {
    const limiter = createRateLimiter({ perMinute: 10, maxClients: 100 });
    for (let i = 0; i < 5_000; i += 1) limiter.take(`ip:${i}`, 1_000 + i);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});
