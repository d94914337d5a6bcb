import { CancelledError } from './errors.js';

/**
 * Composes the caller's signals with an optional timeout into one signal, the fastmcp way
 * (`AbortSignal.any([request, session, timeout])`). Undefined entries are skipped.
 *
 * @param signals - signals to follow (request, session, shutdown, ...).
 * @param timeoutMs - when set, the composed signal aborts with a `TimeoutError` after this many milliseconds.
 * @returns a signal that aborts as soon as any input aborts.
 */
export function composeSignals(signals: ReadonlyArray<AbortSignal | undefined>, timeoutMs?: number): AbortSignal {
  const all = signals.filter((s): s is AbortSignal => s !== undefined);
  if (timeoutMs !== undefined) all.push(AbortSignal.timeout(timeoutMs));
  if (all.length === 1 && all[0]) return all[0];
  return AbortSignal.any(all);
}

/**
 * Throws a {@link CancelledError} when `signal` is aborted; call it between steps of long work.
 *
 * @throws CancelledError with `data.reason` set to `timeout` or `aborted`.
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw toCancelledError(signal);
}

/** Maps an aborted signal's reason to a {@link CancelledError} (`data.reason`: `timeout` | `aborted`). */
export function toCancelledError(signal: AbortSignal): CancelledError {
  const reason: unknown = signal.reason;
  const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
  return new CancelledError(timedOut ? 'The operation timed out.' : 'The operation was cancelled.', {
    cause: reason,
    data: { reason: timedOut ? 'timeout' : 'aborted' },
  });
}
