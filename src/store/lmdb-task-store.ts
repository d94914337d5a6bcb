import { randomBytes } from 'node:crypto';
import type {
  ArtifactMeta,
  ArtifactPage,
  PrunePolicy,
  PruneResult,
  SubtaskRecord,
  TaskChange,
  TaskEvent,
  TaskListQuery,
  TaskPage,
  TaskRecord,
  TaskSnapshot,
  TaskStatus,
  TaskStore,
  TaskStoreInfo,
} from '../contracts/task.js';
import { OrchestratorError } from '../core/errors.js';
import { entryCount, usedBytes, type LmdbHandle } from './lmdb-handle.js';
import {
  decodePathCursor,
  decodeTaskCursor,
  encodePathCursor,
  encodeTaskCursor,
  taskRange,
  toTimeMs,
  type TimeKey,
} from './task-store-layout.js';
import { pruneStore } from './task-store-prune.js';

/** Largest page `listTasks` and `listArtifacts` return. */
export const MAX_PAGE_SIZE = 200;

/** Where the store is and how it came to be, for {@link TaskStoreInfo}. */
export interface LmdbTaskStoreOptions {
  handle: LmdbHandle;
  path: string;
  persistent: boolean;
  recoveredFrom: string | null;
  /** Runs after the environment is closed (the temporary store removes its folder). */
  onClosed?: () => Promise<void>;
}

/** Runs `read` now and turns a throw into a rejection (reads are synchronous in LMDB; the contract is async). */
const settle = <T>(read: () => T): Promise<T> => new Promise<T>((resolve) => resolve(read()));

const clampLimit = (limit: number): number => Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit) || 1));

/** Issues every put/remove of `change` in the current event turn; lmdb commits them in one transaction. */
function issueWrites(handle: LmdbHandle, change: TaskChange, nextEventKey: () => [number, string]): Promise<boolean>[] {
  const { dbs } = handle;
  const { task } = change;
  const ops: Promise<boolean>[] = [
    dbs.tasks.put(task.id, task),
    dbs.by_time.put([toTimeMs(task.created_at), task.id], task.status),
  ];
  for (const s of change.subtasks ?? []) ops.push(dbs.subtasks.put([task.id, s.index], s));
  if (change.replaceArtifacts) {
    const keep = new Set((change.artifacts ?? []).map((a) => a.path));
    for (const key of dbs.artifacts.getKeys(taskRange(task.id))) {
      if (!keep.has((key as [string, string])[1])) ops.push(dbs.artifacts.remove(key));
    }
  }
  for (const a of change.artifacts ?? []) ops.push(dbs.artifacts.put([task.id, a.path], a));
  for (const e of change.events ?? []) {
    const [counter, tag] = nextEventKey();
    ops.push(dbs.events.put([task.id, toTimeMs(e.at), counter, tag], e));
  }
  return ops;
}

/**
 * The LMDB implementation of {@link TaskStore}. Writes are lmdb's asynchronous puts issued in one event turn (one
 * transaction) and awaited: a write resolves after its commit. `update` runs in a synchronous write transaction,
 * which serialises it with every other writer, in this process or another.
 */
export function createLmdbTaskStore(options: LmdbTaskStoreOptions): TaskStore {
  const { handle } = options;
  const { dbs } = handle;
  const tag = randomBytes(4).toString('hex');
  let eventCounter = 0;
  let closing: Promise<void> | undefined;
  const nextEventKey = (): [number, string] => [(eventCounter += 1), tag];

  function assertOpen(): void {
    if (closing) throw new OrchestratorError('store_closed', `The task store ${options.path} is closed.`);
  }

  function readSubtasks(id: string): SubtaskRecord[] {
    return [...dbs.subtasks.getRange(taskRange(id))].map((e) => e.value as SubtaskRecord);
  }

  function listTasks(query: TaskListQuery): TaskPage {
    const limit = clampLimit(query.limit);
    const start = query.cursor === undefined ? undefined : decodeTaskCursor(query.cursor);
    const range = start ? { start, exclusiveStart: true, reverse: true } : { reverse: true };
    const keys: TimeKey[] = [];
    for (const { key, value } of dbs.by_time.getRange(range)) {
      if (query.status !== undefined && (value as TaskStatus) !== query.status) continue;
      keys.push(key as TimeKey);
      if (keys.length > limit) break;
    }
    const page = keys.slice(0, limit);
    const tasks = page
      .map(([, id]) => dbs.tasks.get(id) as TaskRecord | undefined)
      .filter((t): t is TaskRecord => t !== undefined);
    const last = page.at(-1);
    return { tasks, next_cursor: keys.length > limit && last ? encodeTaskCursor(last) : null };
  }

  function listArtifacts(id: string, page: { cursor?: string; limit: number }): ArtifactPage {
    const limit = clampLimit(page.limit);
    const range = taskRange(id);
    const after = page.cursor === undefined ? undefined : decodePathCursor(page.cursor);
    const iterable =
      after === undefined
        ? dbs.artifacts.getRange(range)
        : dbs.artifacts.getRange({ ...range, start: [id, after], exclusiveStart: true });
    const found: ArtifactMeta[] = [];
    for (const { value } of iterable) {
      found.push(value as ArtifactMeta);
      if (found.length > limit) break;
    }
    const artifacts = found.slice(0, limit);
    const last = artifacts.at(-1);
    return {
      artifacts,
      next_cursor: found.length > limit && last ? encodePathCursor(last.path) : null,
      total: dbs.artifacts.getCount(range),
    };
  }

  return {
    info(): TaskStoreInfo {
      const open = closing === undefined;
      return {
        path: options.path,
        persistent: options.persistent,
        recovered_from: options.recoveredFrom,
        tasks: open ? entryCount(dbs.tasks) : 0,
        used_bytes: open ? usedBytes(handle) : 0,
      };
    },
    getTask(id) {
      return settle(() => (assertOpen(), dbs.tasks.get(id) as TaskRecord | undefined));
    },
    getSubtasks(id) {
      return settle(() => (assertOpen(), readSubtasks(id)));
    },
    getArtifact(id, path) {
      return settle(() => (assertOpen(), dbs.artifacts.get([id, path]) as ArtifactMeta | undefined));
    },
    listArtifacts(id, page) {
      return settle(() => (assertOpen(), listArtifacts(id, page)));
    },
    listEvents(id, limit) {
      return settle(() => {
        assertOpen();
        const range = taskRange(id);
        const newestFirst = dbs.events.getRange({
          start: range.end,
          end: range.start,
          reverse: true,
          limit: clampLimit(limit),
        });
        return [...newestFirst].map((e) => e.value as TaskEvent).reverse();
      });
    },
    listTasks(query) {
      return settle(() => (assertOpen(), listTasks(query)));
    },
    async write(change) {
      assertOpen();
      await Promise.all(issueWrites(handle, change, nextEventKey));
    },
    async update(id, decide) {
      assertOpen();
      await handle.root.committed;
      return handle.root.transactionSync(() => {
        const task = dbs.tasks.get(id) as TaskRecord | undefined;
        if (task === undefined) return undefined;
        const snapshot: TaskSnapshot = { task, subtasks: readSubtasks(id) };
        const change = decide(snapshot);
        if (change === undefined) return task;
        // Inside a synchronous transaction the writes apply at once; their return values carry nothing more.
        for (const op of issueWrites(handle, change, nextEventKey)) Promise.resolve(op).catch(() => undefined);
        return change.task;
      });
    },
    async prune(policy: PrunePolicy): Promise<PruneResult> {
      assertOpen();
      return pruneStore(handle, policy);
    },
    close() {
      closing ??= (async () => {
        await handle.root.committed;
        await handle.root.close();
        await options.onClosed?.();
      })();
      return closing;
    },
  };
}
