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

/**
 * Settles with `promise`, or rejects with a `CancelledError` as soon as `signal` aborts — so an agent or writer
 * that ignores its signal cannot hang the run. The abandoned promise keeps a handler, so it never rejects unhandled.
 */
export function raceWithSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(toCancelledError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(toCancelledError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
