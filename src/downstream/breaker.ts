import type { BreakerState } from '../contracts/downstream.js';

/** Consecutive failures that open a server's breaker. */
export const DEFAULT_BREAKER_FAILURES = 5;
/** How long an open breaker refuses calls before letting one probe through, ms. */
export const DEFAULT_BREAKER_COOLDOWN_MS = 10_000;

/** Options of {@link createCircuitBreaker}. */
export interface BreakerOptions {
  /** Consecutive failures that open the breaker (≥ 1). */
  failureThreshold?: number;
  /** Time the breaker stays open before a half-open probe, ms. */
  cooldownMs?: number;
  /** Monotonic clock, ms (tests pass their own). */
  now?: () => number;
  /** Called on every state change. */
  onChange?: (state: BreakerState) => void;
}

/**
 * A per-server circuit breaker (closed → open → half-open). Closed: calls pass, consecutive failures are counted and
 * the breaker opens at the threshold. Open: calls are refused until the cool-down ends. Half-open: exactly one probe
 * passes; its success closes the breaker, its failure re-opens it for another cool-down.
 * Only failures of the server count (transport errors, timeouts); an `isError` result or a bad argument does not.
 */
export interface CircuitBreaker {
  readonly state: BreakerState;
  /** Milliseconds until an open breaker lets a probe through (0 when it would now). */
  retryInMs(): number;
  /** Asks to send one call. `true` reserves the half-open probe slot when that is the state. */
  tryAcquire(): boolean;
  onSuccess(): void;
  onFailure(): void;
  /** Gives back a probe slot taken by {@link tryAcquire} for a call that did not reach the server (cancelled). */
  release(): void;
}

/** Creates a {@link CircuitBreaker}. */
export function createCircuitBreaker(options: BreakerOptions = {}): CircuitBreaker {
  const threshold = Math.max(1, options.failureThreshold ?? DEFAULT_BREAKER_FAILURES);
  const cooldownMs = options.cooldownMs ?? DEFAULT_BREAKER_COOLDOWN_MS;
  const now = options.now ?? (() => performance.now());
  let state: BreakerState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let probing = false;
  let timer: NodeJS.Timeout | undefined;
  const move = (next: BreakerState): void => {
    if (next === state) return;
    state = next;
    options.onChange?.(next);
  };
  const open = (): void => {
    openedAt = now();
    probing = false;
    move('open');
    // Announce the half-open state when the cool-down ends, so watchers (status, tests) see it without a call.
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (state === 'open') move('half_open');
    }, cooldownMs).unref();
  };
  return {
    get state() {
      if (state === 'open' && now() - openedAt >= cooldownMs) move('half_open');
      return state;
    },
    retryInMs: () => (state === 'open' ? Math.max(0, cooldownMs - (now() - openedAt)) : 0),
    tryAcquire() {
      if (state === 'closed') return true;
      if (state === 'open') {
        if (now() - openedAt < cooldownMs) return false;
        move('half_open');
      }
      if (probing) return false;
      probing = true;
      return true;
    },
    onSuccess() {
      failures = 0;
      probing = false;
      clearTimeout(timer);
      move('closed');
    },
    onFailure() {
      if (state === 'half_open') return open();
      failures += 1;
      if (state === 'closed' && failures >= threshold) open();
    },
    release() {
      probing = false;
    },
  };
}
