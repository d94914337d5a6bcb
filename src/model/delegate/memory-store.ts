import { LRUCache } from 'lru-cache';
import { throwIfAborted } from '../../core/signals.js';
import type { DelegatedTask, DelegationStore } from './types.js';

/** Most delegated tasks kept in memory; the least recently used are dropped first. */
export const MEMORY_DELEGATIONS_MAX = 200;

/**
 * A process-local {@link DelegationStore}: tasks live as long as the server process (stdio sessions). Copies on
 * the way in and out, so callers never share state with the store — the semantics a durable store has.
 */
export function createMemoryDelegationStore(max = MEMORY_DELEGATIONS_MAX): DelegationStore {
  const tasks = new LRUCache<string, DelegatedTask>({ max });
  return {
    get(taskId, options = {}) {
      throwIfAborted(options.signal);
      const task = tasks.get(taskId);
      return Promise.resolve(task === undefined ? undefined : structuredClone(task));
    },
    put(task, options = {}) {
      throwIfAborted(options.signal);
      tasks.set(task.task_id, structuredClone(task));
      return Promise.resolve();
    },
  };
}
