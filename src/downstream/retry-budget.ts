/** Window over which retries are budgeted, ms. */
export const RETRY_WINDOW_MS = 10_000;
/** Share of the window's calls that may be retried. */
export const RETRY_RATIO = 0.2;
/** Retries always allowed per window, so a quiet server can still retry. */
export const RETRY_MIN_PER_WINDOW = 5;

/**
 * A retry budget per server (the Finagle/gRPC idea): retries may add at most {@link RETRY_RATIO} of the calls made in
 * the current window, plus {@link RETRY_MIN_PER_WINDOW}. When a server is failing hard, retries stop instead of
 * multiplying its load.
 */
export interface RetryBudget {
  /** Counts one first attempt. */
  recordCall(): void;
  /** Takes one retry from the budget; false when it is spent. */
  tryWithdraw(): boolean;
}

/** Creates a {@link RetryBudget}; `now` is a monotonic clock in ms. */
export function createRetryBudget(now: () => number = () => performance.now()): RetryBudget {
  let windowStart = now();
  let calls = 0;
  let retries = 0;
  const roll = (): void => {
    const t = now();
    if (t - windowStart < RETRY_WINDOW_MS) return;
    windowStart = t;
    calls = 0;
    retries = 0;
  };
  return {
    recordCall() {
      roll();
      calls += 1;
    },
    tryWithdraw() {
      roll();
      if (retries >= RETRY_MIN_PER_WINDOW + calls * RETRY_RATIO) return false;
      retries += 1;
      return true;
    },
  };
}
