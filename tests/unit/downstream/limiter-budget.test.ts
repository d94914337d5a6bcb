import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../src/downstream/limiter.js';
import { createRetryBudget, RETRY_MIN_PER_WINDOW, RETRY_WINDOW_MS } from '../../../src/downstream/retry-budget.js';

describe('concurrency limiter', () => {
  it('grants free slots at once and queues the rest in FIFO order', async () => {
    const limiter = createLimiter(2);
    expect(limiter.tryAcquire()).toBe(true);
    await limiter.acquire();
    expect(limiter.tryAcquire()).toBe(false);
    const order: string[] = [];
    const a = limiter.acquire().then(() => order.push('a'));
    const b = limiter.acquire().then(() => order.push('b'));
    expect(limiter.waiting).toBe(2);
    limiter.release();
    limiter.release();
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
    expect(limiter.active).toBe(2);
  });

  it('drops a waiter whose signal aborts, without losing the slot for the next one', async () => {
    const limiter = createLimiter(1);
    limiter.tryAcquire();
    const controller = new AbortController();
    const cancelled = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    limiter.release();
    await next;
    expect(limiter.active).toBe(1);
    expect(limiter.waiting).toBe(0);
  });
});

describe('retry budget', () => {
  it('allows the minimum plus 20 % of calls per window, and refills in the next window', () => {
    let now = 0;
    const budget = createRetryBudget(() => now);
    for (let i = 0; i < 10; i++) budget.recordCall();
    const allowed = Array.from({ length: 20 }, () => budget.tryWithdraw()).filter(Boolean).length;
    expect(allowed).toBe(RETRY_MIN_PER_WINDOW + 2);
    now += RETRY_WINDOW_MS;
    expect(budget.tryWithdraw()).toBe(true);
  });
});
