import type { ProgressEvent } from '../contracts/run.js';
import type { ActiveRun } from './task-run.js';

/** Options of {@link waitForRun}. */
export interface WaitOptions {
  /** How long to wait, ms; 0 returns at once (after replaying the latest progress). */
  timeoutMs: number;
  /** Ends the wait early (the run goes on). */
  signal?: AbortSignal;
  /** Gets the run's latest progress at once, then every new step while the wait lasts. */
  onProgress?: (event: ProgressEvent) => void;
}

/** Passes on only steps that move forward: MCP requires each progress notification to increase `progress`. */
function increasing(listener: (event: ProgressEvent) => void): (event: ProgressEvent) => void {
  let last = -1;
  return (event) => {
    if (event.completed <= last) return;
    last = event.completed;
    listener(event);
  };
}

/**
 * Waits for a run to commit its end state, for at most `timeoutMs`. Never stops the run: a timeout or an aborted
 * `signal` only ends the wait. Progress is relayed with strictly increasing `completed` (a repeated step is dropped).
 *
 * @returns true when the run finished within the wait.
 */
export async function waitForRun(run: ActiveRun, options: WaitOptions): Promise<boolean> {
  const { signal } = options;
  const onProgress = options.onProgress && increasing(options.onProgress);
  if (onProgress) onProgress(run.lastProgress());
  const unsubscribe = onProgress ? run.subscribe(onProgress) : undefined;
  try {
    if (options.timeoutMs <= 0 || signal?.aborted) return false;
    return await new Promise<boolean>((resolve) => {
      const finish = (finished: boolean): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(finished);
      };
      const onAbort = (): void => finish(false);
      const timer = setTimeout(() => finish(false), options.timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      void run.done.then(() => finish(true));
    });
  } finally {
    unsubscribe?.();
  }
}
