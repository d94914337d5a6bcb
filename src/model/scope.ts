import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { SamplingChannel } from '../contracts/model.js';

/** What model work started by one tool call sees: the caller's sampling channel and the task it is billed to. */
export interface ModelBinding {
  /** Present when the calling client advertised sampling on a 2025-era connection. */
  sampling?: SamplingChannel;
  /** Why sampling is absent (shown by `list_capabilities`); undefined when present. */
  samplingAbsentReason?: string;
  /** The ledger task the calls are billed to (budget, report). */
  taskId: string;
}

/**
 * Carries a {@link ModelBinding} through the async work of one tool call (AsyncLocalStorage), so the planner,
 * agents and fixer — built once by the composition root — reach the calling client's sampling without the
 * orchestrator having to forward it. Created by the composition root: no module-level state.
 */
export interface ModelScope {
  /** Runs `fn` with `binding`; a missing `taskId` gets a fresh `task-<uuid>`. */
  run<T>(binding: Omit<ModelBinding, 'taskId'> & { taskId?: string }, fn: () => T): T;
  /** Runs `fn` billed to `taskId`, keeping the current sampling channel (for durable tasks with their own ids). */
  withTask<T>(taskId: string, fn: () => T): T;
  /** The binding of the current async context, if any. */
  current(): ModelBinding | undefined;
}

/** Prefix of the ledger task id a tool call gets when nothing else names its task. */
export const CALL_TASK_PREFIX = 'call-';

/** Creates a model scope (one per app). */
export function createModelScope(): ModelScope {
  const storage = new AsyncLocalStorage<ModelBinding>();
  return {
    run(binding, fn) {
      return storage.run({ ...binding, taskId: binding.taskId ?? `${CALL_TASK_PREFIX}${randomUUID()}` }, fn);
    },
    withTask(taskId, fn) {
      const current = storage.getStore();
      return storage.run({ ...current, taskId }, fn);
    },
    current: () => storage.getStore(),
  };
}
