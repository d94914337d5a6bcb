import type { PrunePolicy, PruneResult, TaskRecord } from '../contracts/task.js';
import { throwIfAborted } from '../core/signals.js';
import { usedBytes, type LmdbHandle } from './lmdb-handle.js';
import { taskRange, toTimeMs, type TimeKey } from './task-store-layout.js';

/** Tasks deleted per transaction while pruning, so one pass never holds the write lock for long. */
export const PRUNE_BATCH_SIZE = 100;

/** Issues the removes of every entry of one task in the current event turn. */
function issueDelete(handle: LmdbHandle, [createdMs, id]: TimeKey): Promise<boolean>[] {
  const { dbs } = handle;
  const ops = [dbs.tasks.remove(id), dbs.by_time.remove([createdMs, id])];
  for (const db of [dbs.subtasks, dbs.artifacts, dbs.events]) {
    for (const key of db.getKeys(taskRange(id))) ops.push(db.remove(key));
  }
  return ops;
}

/** Deletes tasks in batches of {@link PRUNE_BATCH_SIZE}, one commit per batch. @returns how many were deleted. */
async function deleteAll(handle: LmdbHandle, keys: readonly TimeKey[], signal?: AbortSignal): Promise<number> {
  for (let i = 0; i < keys.length; i += PRUNE_BATCH_SIZE) {
    throwIfAborted(signal);
    await Promise.all(keys.slice(i, i + PRUNE_BATCH_SIZE).flatMap((key) => issueDelete(handle, key)));
  }
  return keys.length;
}

/** Finished tasks last updated before `cutoffMs`. Only tasks created before it can qualify (updated ≥ created). */
function expiredKeys(handle: LmdbHandle, cutoffMs: number): TimeKey[] {
  const keys: TimeKey[] = [];
  for (const { key, value } of handle.dbs.by_time.getRange({ end: [cutoffMs] })) {
    if (value === 'running') continue;
    const [, id] = key as TimeKey;
    const task = handle.dbs.tasks.get(id) as TaskRecord | undefined;
    if (task === undefined || toTimeMs(task.updated_at) < cutoffMs) keys.push(key as TimeKey);
  }
  return keys;
}

/** The oldest `count` tasks that are not running, oldest first. */
function oldestKeys(handle: LmdbHandle, count: number): TimeKey[] {
  const keys: TimeKey[] = [];
  for (const { key, value } of handle.dbs.by_time.getRange({})) {
    if (value === 'running') continue;
    keys.push(key as TimeKey);
    if (keys.length >= count) break;
  }
  return keys;
}

/**
 * Retention: deletes finished tasks (every status but `running`) last updated more than `maxAgeMs` ago, then the
 * oldest finished tasks, a batch at a time, while the live pages exceed `maxBytes`. Each task goes with its
 * sub-tasks, events and artifact records (the workspace files stay: they are the user's).
 *
 * @throws CancelledError when `policy.signal` aborts between batches (what was deleted stays deleted).
 */
export async function pruneStore(handle: LmdbHandle, policy: PrunePolicy): Promise<PruneResult> {
  const now = policy.nowMs ?? Date.now();
  let deleted = await deleteAll(handle, expiredKeys(handle, now - policy.maxAgeMs), policy.signal);
  while (usedBytes(handle) > policy.maxBytes) {
    throwIfAborted(policy.signal);
    const batch = oldestKeys(handle, PRUNE_BATCH_SIZE);
    if (batch.length === 0) break;
    deleted += await deleteAll(handle, batch, policy.signal);
  }
  return { deleted, used_bytes: usedBytes(handle) };
}
