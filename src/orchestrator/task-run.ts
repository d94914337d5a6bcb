import type { ArtifactWriter } from '../contracts/artifact.js';
import type { PlanRequest, SubTask } from '../contracts/plan.js';
import type {
  CompletedSubtask,
  OrchestrationResult,
  Orchestrator,
  ProgressEvent,
  SubtaskFinishedEvent,
} from '../contracts/run.js';
import type { SubtaskRecord, TaskChange, TaskRecord, TaskStatus, TaskStore } from '../contracts/task.js';
import { CancelledError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import {
  countSettled,
  toEvent,
  toFinalMetas,
  toFinishedSubtask,
  toOutputMetas,
  toStoredStatus,
} from './task-records.js';

/** Why a run was stopped: `cancel_task`, or the server shutting down (the task becomes `interrupted`). */
export type StopKind = 'cancel' | 'shutdown';

/** A task running in this process. `done` settles after the run's final state is committed. */
export interface ActiveRun {
  readonly taskId: string;
  readonly done: Promise<void>;
  /** The latest progress step, replayed to a listener when it subscribes. */
  lastProgress(): ProgressEvent;
  /** Subscribes to progress; returns the unsubscribe function. */
  subscribe(listener: (event: ProgressEvent) => void): () => void;
  /** Aborts the run's signal (agents and their downstream calls receive it) and records why. */
  stop(kind: StopKind): void;
}

/** What one run needs. `task` and `subtasks` are the records as committed when the run starts. */
export interface RunLaunch {
  store: TaskStore;
  orchestrator: Orchestrator;
  logger: Logger | undefined;
  request: PlanRequest;
  writer: ArtifactWriter;
  task: TaskRecord;
  subtasks: readonly SubtaskRecord[];
  completed: readonly CompletedSubtask[];
  /** Artifact path → SHA-256 of what is on disk (kept sub-tasks' artifacts on a resume). */
  hashes: ReadonlyMap<string, string>;
}

const now = (): string => new Date().toISOString();

/** The mutable state of one run, touched only by its own hooks and its write queue. */
interface RunState {
  readonly launch: RunLaunch;
  task: TaskRecord;
  readonly subtasks: Map<string, SubtaskRecord>;
  readonly hashes: Map<string, string>;
  readonly listeners: Set<(event: ProgressEvent) => void>;
  progress: ProgressEvent;
  stopKind: StopKind | undefined;
  writes: Promise<void>;
}

/** Queues a write after the run's earlier ones (so they commit in order) and resolves once it is committed. */
function commit(state: RunState, build: () => TaskChange): Promise<void> {
  const next = state.writes.then(() => state.launch.store.write(build()));
  state.writes = next.catch((error: unknown) => {
    state.launch.logger?.error({ task_id: state.task.id, err: error }, 'task store write failed');
  });
  return state.writes;
}

function touch(state: RunState, patch: Partial<TaskRecord>): TaskRecord {
  state.task = { ...state.task, ...patch, updated_at: now() };
  return state.task;
}

function onStarted(state: RunState, subtask: SubTask): Promise<void> {
  const at = now();
  const previous = state.subtasks.get(subtask.id);
  if (previous === undefined) return Promise.resolve();
  const record: SubtaskRecord = { ...previous, status: 'running', attempt: state.task.attempts, started_at: at };
  state.subtasks.set(subtask.id, record);
  const task = touch(state, {});
  return commit(state, () => ({
    task,
    subtasks: [record],
    events: [toEvent(at, 'subtask:started', `${subtask.agent}: ${subtask.id} started`, subtask.id)],
  }));
}

function onFinished(state: RunState, event: SubtaskFinishedEvent): Promise<void> {
  const { result } = event;
  const previous = state.subtasks.get(result.id);
  if (previous === undefined) return Promise.resolve();
  const at = now();
  const record = toFinishedSubtask(previous, result, {
    checks: event.checks,
    shutdown: state.stopKind === 'shutdown',
    at,
  });
  state.subtasks.set(result.id, record);
  const artifacts = toOutputMetas(state.task.id, result.id, event.outputs);
  for (const a of artifacts) state.hashes.set(a.path, a.sha256);
  const total = state.task.plan.subtasks.length;
  const completed = countSettled(state.subtasks.values());
  const message = `${completed}/${total} ${result.agent}: ${result.id} ${record.status}`;
  const task = touch(state, { progress: { completed, total, message } });
  return commit(state, () => ({
    task,
    subtasks: [record],
    artifacts,
    events: [toEvent(at, 'subtask:finished', message + (record.error ? ` (${record.error.message})` : ''), result.id)],
  }));
}

function finalStatus(state: RunState, status: TaskStatus): TaskStatus {
  return state.stopKind === 'shutdown' ? 'interrupted' : status;
}

/** Commits the run's end: status, summary, every sub-task's final record and the artifact set with verdicts. */
function onResult(state: RunState, result: OrchestrationResult): Promise<void> {
  const at = now();
  const shutdown = state.stopKind === 'shutdown';
  for (const r of result.subtasks) {
    const previous = state.subtasks.get(r.id);
    if (previous === undefined || previous.status === toStoredStatus(r, shutdown)) continue; // its hook recorded it
    state.subtasks.set(r.id, toFinishedSubtask(previous, r, { shutdown, at }));
  }
  const status = finalStatus(state, result.status);
  const total = result.plan.subtasks.length;
  const completed = countSettled(state.subtasks.values());
  const task = touch(state, {
    status,
    summary: result.summary,
    duration_ms: result.duration_ms,
    finished_at: status === 'interrupted' ? null : at,
    owner: null,
    progress: { completed, total, message: status === result.status ? result.summary : `${status}: ${result.summary}` },
  });
  const type =
    status === 'interrupted' ? 'task:interrupted' : status === 'cancelled' ? 'task:cancelled' : 'task:finished';
  return commit(state, () => ({
    task,
    subtasks: [...state.subtasks.values()],
    artifacts: toFinalMetas(task.id, result.artifacts, state.hashes),
    replaceArtifacts: true,
    events: [toEvent(at, type, `${status}: ${result.summary}`)],
  }));
}

/** Commits a run that threw (a defect, or a stop before it began): the task ends failed, cancelled or interrupted. */
function onFailure(state: RunState, error: unknown): Promise<void> {
  const at = now();
  const status = finalStatus(state, error instanceof CancelledError ? 'cancelled' : 'failed');
  const summary = `Run ${status}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
  state.launch.logger?.warn({ task_id: state.task.id, err: error }, 'task run ended with an error');
  const task = touch(state, {
    status,
    summary,
    finished_at: status === 'interrupted' ? null : at,
    owner: null,
    progress: { ...state.progress, message: summary },
  });
  return commit(state, () => ({ task, events: [toEvent(at, 'task:finished', summary)] }));
}

function emit(state: RunState, event: ProgressEvent): void {
  state.progress = event;
  for (const listener of state.listeners) {
    try {
      listener(event);
    } catch {
      // A failing listener (a client gone mid-call) must not affect the run or the other listeners.
    }
  }
}

/**
 * Starts a task's run in the background: the orchestrator runs `launch.task.plan` (skipping `launch.completed`),
 * every sub-task start and finish is committed through the hooks before its progress is reported, and the end
 * state is committed before `done` settles.
 */
export function launchRun(launch: RunLaunch): ActiveRun {
  const controller = new AbortController();
  const state: RunState = {
    launch,
    task: launch.task,
    subtasks: new Map(launch.subtasks.map((s) => [s.id, s])),
    hashes: new Map(launch.hashes),
    listeners: new Set(),
    progress: launch.task.progress,
    stopKind: undefined,
    writes: Promise.resolve(),
  };
  const done = launch.orchestrator
    .orchestrate(launch.request, {
      signal: controller.signal,
      writer: launch.writer,
      plan: launch.task.plan,
      completed: launch.completed,
      taskId: launch.task.id,
      onProgress: (event) => emit(state, event),
      hooks: {
        onSubtaskStarted: ({ subtask }) => onStarted(state, subtask),
        onSubtaskFinished: (event) => onFinished(state, event),
      },
    })
    .then(
      (result) => onResult(state, result),
      (error: unknown) => onFailure(state, error),
    );
  return {
    taskId: launch.task.id,
    done,
    lastProgress: () => state.progress,
    subscribe(listener) {
      state.listeners.add(listener);
      return () => state.listeners.delete(listener);
    },
    stop(kind) {
      state.stopKind ??= kind;
      const reason = kind === 'shutdown' ? 'the server is shutting down' : 'cancel_task was called';
      controller.abort(new CancelledError(`The task was stopped: ${reason}.`, { data: { reason: kind } }));
    },
  };
}
