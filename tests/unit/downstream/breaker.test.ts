import { describe, expect, it } from 'vitest';
import type { BreakerState } from '../../../src/contracts/downstream.js';
import { createCircuitBreaker } from '../../../src/downstream/breaker.js';

/** A breaker on a hand-driven clock (cool-down long enough that its real timer never fires in a test). */
function setup(threshold = 3) {
  let now = 0;
  const changes: BreakerState[] = [];
  const breaker = createCircuitBreaker({
    failureThreshold: threshold,
    cooldownMs: 60_000,
    now: () => now,
    onChange: (s) => changes.push(s),
  });
  return { breaker, changes, advance: (ms: number) => (now += ms) };
}

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive failures, and a success in between resets the count', () => {
    const { breaker, changes } = setup(3);
    breaker.onFailure();
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();
    breaker.onFailure();
    expect(breaker.state).toBe('closed');
    breaker.onFailure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(changes).toEqual(['open']);
  });

  it.each([
    ['success closes it', 'onSuccess', 'closed'],
    ['failure re-opens it', 'onFailure', 'open'],
  ] as const)('after the cool-down one half-open probe passes; its %s', (_label, outcome, final) => {
    const { breaker, changes, advance } = setup(1);
    breaker.onFailure();
    advance(59_999);
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.retryInMs()).toBe(1);
    advance(1);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.state).toBe('half_open');
    expect(breaker.tryAcquire()).toBe(false); // one probe at a time
    breaker[outcome]();
    expect(breaker.state).toBe(final);
    expect(changes).toEqual(['open', 'half_open', final]);
  });

  it('gives the probe slot back when the probe was cancelled', () => {
    const { breaker, advance } = setup(1);
    breaker.onFailure();
    advance(60_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.release();
    expect(breaker.tryAcquire()).toBe(true);
  });
});
