import type { PruneResult, TaskStore } from '../contracts/task.js';
import { CancelledError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

/** Default time between background prune passes, ms (hourly). */
export const DEFAULT_PRUNE_INTERVAL_MS = 3_600_000;
/** Delay of the first pass after start, ms: out of the way of the first requests. */
export const FIRST_PRUNE_DELAY_MS = 10_000;
const DAY_MS = 86_400_000;

/** Options of {@link startStorePruner}. */
export interface StorePrunerOptions {
  /** The store, once open. */
  store: Promise<TaskStore>;
  retentionDays: number;
  maxBytes: number;
  intervalMs?: number;
  firstDelayMs?: number;
  logger?: Logger;
}

/** A running pruner. `runOnce` prunes now (also used by tests); `stop` cancels the timer and any pass in flight. */
export interface StorePruner {
  runOnce(): Promise<PruneResult | undefined>;
  stop(): Promise<void>;
}

/**
 * Prunes the store in the background: a first pass `firstDelayMs` after start, then every `intervalMs`. Timers are
 * unref'd (they never keep the process alive); a failed pass is logged and the next one runs as planned.
 */
export function startStorePruner(options: StorePrunerOptions): StorePruner {
  const stopped = new AbortController();
  let inFlight: Promise<PruneResult | undefined> = Promise.resolve(undefined);

  async function pass(): Promise<PruneResult | undefined> {
    try {
      const store = await options.store;
      if (stopped.signal.aborted) return undefined;
      const result = await store.prune({
        maxAgeMs: options.retentionDays * DAY_MS,
        maxBytes: options.maxBytes,
        signal: stopped.signal,
      });
      if (result.deleted > 0) options.logger?.info({ ...result }, 'task store pruned');
      return result;
    } catch (error) {
      if (!(error instanceof CancelledError)) options.logger?.warn({ err: error }, 'task store prune failed');
      return undefined;
    }
  }

  function runOnce(): Promise<PruneResult | undefined> {
    inFlight = inFlight.then(pass);
    return inFlight;
  }

  const first = setTimeout(() => void runOnce(), options.firstDelayMs ?? FIRST_PRUNE_DELAY_MS);
  const every = setInterval(() => void runOnce(), options.intervalMs ?? DEFAULT_PRUNE_INTERVAL_MS);
  first.unref();
  every.unref();

  return {
    runOnce,
    async stop() {
      clearTimeout(first);
      clearInterval(every);
      stopped.abort(new CancelledError('The store pruner stopped.'));
      await inFlight;
    },
  };
}
