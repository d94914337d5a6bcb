import pRetry from 'p-retry';
import { CancelledError, isOrchestratorError } from '../core/errors.js';
import { composeSignals } from '../core/signals.js';
import { isModelError, ModelError } from './errors.js';
import { RETRY_AFTER_MAX_MS } from './providers/http.js';

/** Share of the call's deadline one attempt may use, so a stalled first attempt leaves time for a retry. */
export const ATTEMPT_SHARE_OF_DEADLINE = 0.6;

/** Options of {@link withRetry}. */
export interface RetryOptions {
  /** Deadline of the whole call including retries and waits, ms. */
  deadlineMs: number;
  /** Retries after the first attempt (0 = one attempt). */
  retries: number;
  /** First backoff, ms (doubles per retry, randomised ×1–2, capped at `maxBackoffMs`). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** The caller's signal: its abort is a cancellation. */
  signal?: AbortSignal;
  /** Told as each retry starts (attempt 2, 3, ...), for the ledger. */
  onRetry?: (attemptNumber: number) => void;
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function toFinalError(error: unknown, caller: AbortSignal | undefined, deadline: AbortSignal): Error {
  if (caller?.aborted) return new CancelledError('The model call was cancelled.', { cause: error });
  if (isOrchestratorError(error)) return error;
  if (deadline.aborted) return new ModelError('model_timeout', 'The model call reached its deadline.');
  const message = error instanceof Error ? error.message : String(error);
  return new ModelError('model_failed', `The model call failed: ${message}`);
}

/**
 * Runs `attempt` with p-retry: retryable {@link ModelError}s (timeouts, 408/429/5xx, network) are retried with
 * exponential backoff while the deadline allows; a `Retry-After` is waited out when it fits in the time left
 * (and ≤ {@link RETRY_AFTER_MAX_MS}), otherwise retrying stops. Each attempt gets
 * `AbortSignal.any([caller, deadline, attempt timeout])`, the attempt timeout being
 * {@link ATTEMPT_SHARE_OF_DEADLINE} of the deadline. Never runs past the deadline.
 *
 * @throws ModelError — the last attempt's, or `model_timeout` when the deadline ended the call.
 * @throws CancelledError when the caller's signal aborts.
 */
export async function withRetry<T>(attempt: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  const deadline = composeSignals([options.signal], options.deadlineMs);
  const startedAt = performance.now();
  const remaining = (): number => options.deadlineMs - (performance.now() - startedAt);
  const attemptMs = Math.max(1, Math.round(options.deadlineMs * ATTEMPT_SHARE_OF_DEADLINE));
  try {
    const run = (attemptNumber: number): Promise<T> => {
      if (attemptNumber > 1) options.onRetry?.(attemptNumber);
      return attempt(composeSignals([deadline], Math.max(1, Math.floor(Math.min(attemptMs, remaining())))));
    };
    return await pRetry(run, {
      retries: options.retries,
      minTimeout: options.minBackoffMs ?? 250,
      maxTimeout: options.maxBackoffMs ?? 4_000,
      factor: 2,
      randomize: true,
      maxRetryTime: options.deadlineMs,
      signal: deadline,
      unref: true,
      shouldRetry: ({ error }) => isModelError(error) && error.retryable && remaining() > 0,
      onFailedAttempt: async ({ error, retriesLeft }) => {
        if (!isModelError(error) || !error.retryable || retriesLeft === 0) return;
        const wait = error.retryAfterMs;
        if (wait !== undefined && (wait > RETRY_AFTER_MAX_MS || wait >= remaining())) throw error;
        if (wait !== undefined && wait > 0) await abortableDelay(wait, deadline);
      },
    });
  } catch (error) {
    throw toFinalError(error, options.signal, deadline);
  }
}
