import { toCancelledError } from '../core/signals.js';

/**
 * Caps calls in flight to one server (`max_concurrent`); extra callers wait in FIFO order. The fast path (a free
 * slot) is synchronous and allocates nothing.
 */
export interface ConcurrencyLimiter {
  readonly active: number;
  readonly waiting: number;
  /** Takes a slot at once when one is free. */
  tryAcquire(): boolean;
  /**
   * Waits for a slot.
   * @throws CancelledError when `signal` aborts first.
   */
  acquire(signal?: AbortSignal): Promise<void>;
  release(): void;
}

/** Creates a {@link ConcurrencyLimiter} with `max` slots (≥ 1). */
export function createLimiter(max: number): ConcurrencyLimiter {
  let active = 0;
  const queue: Array<() => void> = [];
  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    tryAcquire() {
      if (active >= max) return false;
      active += 1;
      return true;
    },
    acquire(signal) {
      if (active < max) {
        active += 1;
        return Promise.resolve();
      }
      if (signal?.aborted) return Promise.reject(toCancelledError(signal));
      return new Promise((resolve, reject) => {
        const grant = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          const index = queue.indexOf(grant);
          if (index !== -1) queue.splice(index, 1);
          reject(toCancelledError(signal as AbortSignal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(grant);
      });
    },
    release() {
      const next = queue.shift();
      if (next)
        next(); // the slot passes straight to the next waiter
      else active = Math.max(0, active - 1);
    },
  };
}
