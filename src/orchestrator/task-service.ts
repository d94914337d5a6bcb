import { randomUUID } from 'node:crypto';
import type { ArtifactWriter } from '../contracts/artifact.js';
import type { Planner, PlanRequest } from '../contracts/plan.js';
import type { Orchestrator, ProgressEvent } from '../contracts/run.js';
import type { TaskOwner, TaskRecord, TaskStore, TaskStoreInfo } from '../contracts/task.js';
import type { CancelOutcome, TaskService } from '../contracts/task-view.js';
import { CancelledError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { throwIfAborted } from '../core/signals.js';
import { createRunRoot } from './orchestrator.js';
import { readTaskArtifact } from './task-artifact-file.js';
import { parseTaskId, TaskNotFoundError, TaskStateError } from './task-errors.js';
import { createTaskOwner, toOwnerState } from './task-owner.js';
import { sha256Of, toEvent, toInitialRecords } from './task-records.js';
import { toTaskMarkdown, toTaskMermaid } from './task-report.js';
import { loadCompletedSubtasks } from './task-resume.js';
import { launchRun, type ActiveRun } from './task-run.js';
import { toCancelledChange, toInterruptedChange, toResumeChange } from './task-transitions.js';
import { buildTaskView, MAX_ARTIFACT_LIMIT, toTaskSummary } from './task-view.js';
import { waitForRun } from './task-wait.js';

/** Default and largest `list_tasks` page. */
export const DEFAULT_LIST_LIMIT = 20;
export const MAX_LIST_LIMIT = 100;

/** What the task service is built from (by the composition root). */
export interface TaskServiceDeps {
  /** The store, once open (opening probes the file in a child process, so it is asynchronous). */
  store: Promise<TaskStore>;
  orchestrator: Orchestrator;
  planner: Planner;
  /** Builds the writer of one run root (an absolute directory). */
  createWriter: (runRoot: string) => Promise<ArtifactWriter>;
  /** Configured workspace; each task writes under `<workspace>/run-<time>-<hex>`. Absent: a temp dir per task. */
  workspace?: string;
  /** Largest artifact whose content a view inlines, bytes. */
  inlineArtifactMaxBytes: number;
  logger?: Logger;
  /** This instance's identity; a fresh one when absent. */
  owner?: TaskOwner;
}

const OPENING_INFO: TaskStoreInfo = {
  path: '(opening)',
  persistent: false,
  recovered_from: null,
  tasks: 0,
  used_bytes: 0,
};

/**
 * Creates the task service: durable tasks on top of the orchestrator. Runs live in an in-process map (task id →
 * run with its AbortController) and go on after the call that started them returns. On start, tasks left
 * `running` by a process that is gone become `interrupted`. `cancel` and `resume` of one task are serialised;
 * reads need no lock (the store serves committed data).
 */
export function createTaskService(deps: TaskServiceDeps): TaskService {
  const owner = deps.owner ?? createTaskOwner();
  const logger = deps.logger;
  const active = new Map<string, ActiveRun>();
  /** Ids between their "running" commit and their run's registration: never reconciled as orphans. */
  const starting = new Set<string>();
  const locks = new Map<string, Promise<unknown>>();
  let opened: TaskStore | undefined;
  let disposing: Promise<void> | undefined;

  const ready = deps.store.then(async (store) => {
    opened = store;
    await recoverOrphans(store);
    return store;
  });
  ready.catch((error: unknown) => logger?.error({ err: error }, 'task store unavailable'));

  const now = (): string => new Date().toISOString();
  const isOrphan = (task: TaskRecord): boolean =>
    task.status === 'running' &&
    !active.has(task.id) &&
    !starting.has(task.id) &&
    ['gone', 'self'].includes(toOwnerState(task.owner, owner));

  async function recoverOrphans(store: TaskStore): Promise<void> {
    const orphans: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listTasks({ status: 'running', limit: 200, ...(cursor ? { cursor } : {}) });
      orphans.push(...page.tasks.filter(isOrphan).map((t) => t.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    for (const id of orphans)
      await store.update(id, (c) => (isOrphan(c.task) ? toInterruptedChange(c, now()) : undefined));
    if (orphans.length > 0)
      logger?.warn({ tasks: orphans }, 'tasks left running by a stopped process are now interrupted');
  }

  /** Marks a running task of a stopped process interrupted, lazily, when it is read. */
  async function reconcile(store: TaskStore, task: TaskRecord): Promise<TaskRecord> {
    if (!isOrphan(task)) return task;
    return (await store.update(task.id, (c) => (isOrphan(c.task) ? toInterruptedChange(c, now()) : undefined))) ?? task;
  }

  async function requireTask(store: TaskStore, id: string): Promise<TaskRecord> {
    const task = await store.getTask(id);
    if (task === undefined) throw new TaskNotFoundError(id);
    return reconcile(store, task);
  }

  function withLock<T>(id: string, work: () => Promise<T>): Promise<T> {
    const next = (locks.get(id) ?? Promise.resolve()).catch(() => undefined).then(work);
    locks.set(id, next);
    void next.finally(() => locks.get(id) === next && locks.delete(id)).catch(() => undefined);
    return next;
  }

  /** Validates the id, then runs `work` under the task's lock (in call order); a bad id is a rejection. */
  function locked<T>(taskId: string, work: (id: string) => Promise<T>): Promise<T> {
    return new Promise<string>((resolve) => resolve(parseTaskId(taskId))).then((id) => withLock(id, () => work(id)));
  }

  function assertLive(): void {
    if (disposing) throw new CancelledError('The server is shutting down; no task can start.');
  }

  function track(run: ActiveRun): void {
    active.set(run.taskId, run);
    starting.delete(run.taskId);
    void run.done.finally(() => active.delete(run.taskId));
    if (disposing) run.stop('shutdown'); // launched while shutting down: commit it as interrupted at once
  }

  function refuseElsewhere(task: TaskRecord, action: string): void {
    const state = toOwnerState(task.owner, owner);
    if (task.status !== 'running' || (state !== 'alive' && state !== 'unknown')) return;
    throw new TaskStateError(
      `Task ${task.id} is running in another server process (pid ${task.owner?.pid} on ${task.owner?.hostname}).`,
      {
        data: { task_id: task.id, owner: task.owner },
        hint: `Call ${action} on the server that runs it, or wait until it finishes (get_task shows its progress).`,
      },
    );
  }

  async function start(request: PlanRequest, options: { signal?: AbortSignal } = {}): Promise<string> {
    assertLive();
    const store = await ready;
    const plan = await deps.planner.plan(request, options.signal ? { signal: options.signal } : {});
    throwIfAborted(options.signal);
    const writer = await deps.createWriter(await createRunRoot(deps.workspace));
    const id = randomUUID();
    const at = now();
    const { task, subtasks } = toInitialRecords({ id, request, plan, workspace: writer.root, owner, at });
    starting.add(id);
    try {
      await store.write({ task, subtasks, events: [toEvent(at, 'task:created', task.progress.message)] });
    } catch (error) {
      starting.delete(id);
      throw error;
    }
    const hashes = new Map<string, string>();
    track(
      launchRun({
        store,
        orchestrator: deps.orchestrator,
        logger,
        request,
        writer,
        task,
        subtasks,
        completed: [],
        hashes,
      }),
    );
    return id;
  }

  async function resumeLocked(id: string, signal: AbortSignal | undefined): Promise<string> {
    const store = await ready;
    if (active.has(id)) return id;
    assertLive();
    const task = await requireTask(store, id);
    refuseElsewhere(task, 'resume_task');
    if (task.status === 'succeeded') {
      throw new TaskStateError(`Task ${id} already succeeded; there is nothing to resume.`, {
        data: { task_id: id },
        hint: 'get_task returns its result and artifacts.',
      });
    }
    const completed = await loadCompletedSubtasks(store, task, await store.getSubtasks(id), signal);
    const keep = new Set(completed.map((c) => c.result.id));
    const resumable = (t: TaskRecord): boolean => t.status !== 'succeeded' && (t.status !== 'running' || isOrphan(t));
    starting.add(id);
    try {
      const claimed = await store.update(id, (c) =>
        resumable(c.task) ? toResumeChange(c, owner, keep, now()) : undefined,
      );
      if (claimed?.owner?.instance_id !== owner.instance_id || claimed.status !== 'running') {
        throw new TaskStateError(`Task ${id} changed while it was being resumed.`, {
          data: { task_id: id },
          hint: 'Call get_task to see its state, then resume_task again if it is still unfinished.',
        });
      }
      const writer = await deps.createWriter(claimed.workspace);
      const hashes = new Map(
        completed.flatMap((c) => c.outputs.map((o) => [o.written.path, sha256Of(o.artifact.content)] as const)),
      );
      const subtasks = await store.getSubtasks(id);
      const launch = { store, orchestrator: deps.orchestrator, logger, request: claimed.request, writer };
      track(launchRun({ ...launch, task: claimed, subtasks, completed, hashes }));
      return id;
    } finally {
      starting.delete(id);
    }
  }

  async function cancelLocked(id: string): Promise<CancelOutcome> {
    const store = await ready;
    const run = active.get(id);
    if (run) {
      run.stop('cancel');
      await run.done;
      return 'cancelled';
    }
    const task = await requireTask(store, id);
    refuseElsewhere(task, 'cancel_task');
    if (task.status !== 'interrupted') return 'not_running';
    await store.update(id, (c) => (c.task.status === 'interrupted' ? toCancelledChange(c, now()) : undefined));
    return 'cancelled';
  }

  return {
    start,
    resume: (taskId, options = {}) => locked(taskId, (id) => resumeLocked(id, options.signal)),
    async wait(taskId, options: { timeoutMs: number; signal?: AbortSignal; onProgress?: (e: ProgressEvent) => void }) {
      const id = parseTaskId(taskId);
      const run = active.get(id);
      if (run === undefined) {
        await requireTask(await ready, id);
        return true;
      }
      return waitForRun(run, options);
    },
    cancel: (taskId) => locked(taskId, cancelLocked),
    async view(taskId, options = {}) {
      const id = parseTaskId(taskId);
      const store = await ready;
      const task = await requireTask(store, id);
      const subtasks = await store.getSubtasks(id);
      const state = task.status === 'running' ? toOwnerState(task.owner, owner) : 'gone';
      const other = state === 'alive' || state === 'unknown' ? task.owner : null;
      const input = { store, task, subtasks, inlineMaxBytes: deps.inlineArtifactMaxBytes };
      const elsewhere = other ? { runningElsewhere: { pid: other.pid, hostname: other.hostname } } : {};
      return buildTaskView({ ...input, ...elsewhere }, options);
    },
    async list(query) {
      const store = await ready;
      const limit = Math.min(MAX_LIST_LIMIT, Math.max(1, query.limit ?? DEFAULT_LIST_LIMIT));
      const page = await store.listTasks({
        limit,
        ...(query.status ? { status: query.status } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
      const tasks = await Promise.all(page.tasks.map((t) => reconcile(store, t)));
      return {
        tasks: tasks.filter((t) => !query.status || t.status === query.status).map(toTaskSummary),
        next_cursor: page.next_cursor,
      };
    },
    async report(taskId) {
      const id = parseTaskId(taskId);
      const store = await ready;
      const task = await requireTask(store, id);
      const page = await store.listArtifacts(id, { limit: MAX_ARTIFACT_LIMIT });
      return toTaskMarkdown({
        task,
        subtasks: await store.getSubtasks(id),
        artifacts: page.artifacts,
        artifactsTotal: page.total,
      });
    },
    async graph(taskId) {
      const id = parseTaskId(taskId);
      const store = await ready;
      return toTaskMermaid(await requireTask(store, id), await store.getSubtasks(id));
    },
    async readArtifact(taskId, path, options = {}) {
      const id = parseTaskId(taskId);
      const store = await ready;
      return readTaskArtifact(store, await requireTask(store, id), path, options.maxBytes);
    },
    stats: () => ({ running: [...active.keys()], store: opened?.info() ?? OPENING_INFO }),
    dispose() {
      disposing ??= (async () => {
        // Runs launched meanwhile (a start or resume already past its checks) are stopped by `track`.
        while (active.size > 0) {
          const runs = [...active.values()];
          for (const run of runs) run.stop('shutdown');
          await Promise.all(runs.map((r) => r.done));
        }
        await ready.catch(() => undefined);
      })();
      return disposing;
    },
  };
}
