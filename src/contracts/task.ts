import { z } from 'zod';
import type { ArtifactCheck } from './agent.js';
import type { CheckVerdict } from './artifact.js';
import type { AgentKind, Plan, PlanRequest } from './plan.js';
import type { ProgressEvent } from './run.js';

/**
 * Status of a durable task. `running`: a server process is executing it now; `interrupted`: the process that ran it
 * stopped (crash, kill, shutdown) before it finished — its finished sub-tasks are kept and `resume_task` re-runs the
 * rest. The other four are the final run statuses of `contracts/run.ts`.
 */
export const TASK_STATUSES = ['running', 'succeeded', 'partial', 'failed', 'cancelled', 'interrupted'] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** A stored sub-task's status: the run statuses plus `interrupted` (it was running when its process stopped). */
export const TASK_SUBTASK_STATUSES = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'skipped',
  'interrupted',
] as const;
export const TaskSubtaskStatusSchema = z.enum(TASK_SUBTASK_STATUSES);
export type TaskSubtaskStatus = z.infer<typeof TaskSubtaskStatusSchema>;

/** The server process that owns a running task; `instance_id` is a random UUID per app instance. */
export interface TaskOwner {
  instance_id: string;
  pid: number;
  hostname: string;
  started_at: string;
}

/** A task as stored. Times are ISO-8601 UTC strings. `request` is the request as the client sent it. */
export interface TaskRecord {
  id: string;
  status: TaskStatus;
  request: PlanRequest;
  plan: Plan;
  /** Absolute path of the run folder every artifact of this task is written under. */
  workspace: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  /** The run summary (counts only); null until a run finished. */
  summary: string | null;
  /** Measured wall time of the last run, ms; null until a run finished. */
  duration_ms: number | null;
  /** How many runs were started: 1, plus one per resume. */
  attempts: number;
  /** Who runs it now; null when no process does. */
  owner: TaskOwner | null;
  progress: ProgressEvent;
}

/** One sub-task of a stored task, in plan order (`index`). */
export interface SubtaskRecord {
  task_id: string;
  index: number;
  id: string;
  title: string;
  agent: AgentKind;
  status: TaskSubtaskStatus;
  duration_ms: number;
  summary?: string;
  error?: { code: string; message: string };
  /** Paths it wrote, relative to the task workspace. */
  artifacts: string[];
  /** Verdicts it reported (quality agent), kept so a resume restores them. */
  checks: ArtifactCheck[];
  /** The run attempt that produced this state (1-based). */
  attempt: number;
  started_at: string | null;
  finished_at: string | null;
}

/** Metadata of one written artifact (the content stays in the workspace file). `sha256` is of the UTF-8 content. */
export interface ArtifactMeta {
  task_id: string;
  path: string;
  absolute_path: string;
  language: string;
  kind: string;
  size_bytes: number;
  sha256: string;
  produced_by: string;
  verdict: CheckVerdict;
}

export const TASK_EVENT_TYPES = [
  'task:created',
  'task:resumed',
  'task:finished',
  'task:interrupted',
  'task:cancelled',
  'subtask:started',
  'subtask:finished',
] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

/** One entry of a task's history, in time order. */
export const TaskEventSchema = z.object({
  at: z.string(),
  type: z.enum(TASK_EVENT_TYPES),
  subtask_id: z.string().optional(),
  message: z.string(),
});
export type TaskEvent = z.infer<typeof TaskEventSchema>;

/** One atomic write: everything in it is committed in one transaction, or nothing is. */
export interface TaskChange {
  /** The whole task record (indexes follow its `status` and `created_at`). */
  task: TaskRecord;
  subtasks?: readonly SubtaskRecord[];
  artifacts?: readonly ArtifactMeta[];
  /** Removes the task's other artifact records first, so `artifacts` becomes its whole set. */
  replaceArtifacts?: boolean;
  events?: readonly TaskEvent[];
}

/** A task with its sub-tasks, as read inside one transaction. */
export interface TaskSnapshot {
  task: TaskRecord;
  subtasks: SubtaskRecord[];
}

/** `limit` is clamped by the store; `cursor` is the opaque `next_cursor` of the previous page. */
export interface TaskListQuery {
  status?: TaskStatus;
  limit: number;
  cursor?: string;
}

/** A page of tasks, newest first; `next_cursor` is null on the last page. */
export interface TaskPage {
  tasks: TaskRecord[];
  next_cursor: string | null;
}

/** A page of a task's artifact records in path order. `total` counts them all. */
export interface ArtifactPage {
  artifacts: ArtifactMeta[];
  next_cursor: string | null;
  total: number;
}

/** Where the store lives and what it holds. `recovered_from`: the file a corrupt store was moved to at open. */
export interface TaskStoreInfo {
  path: string;
  /** False when the store fell back to a temporary file (the data directory could not be used). */
  persistent: boolean;
  recovered_from: string | null;
  tasks: number;
  /** Bytes held by live pages of the store's databases (what the size cap limits). */
  used_bytes: number;
}

/** What to prune: finished tasks older than `maxAgeMs` (by `updated_at`), then the oldest until `used_bytes` ≤ `maxBytes`. */
export interface PrunePolicy {
  maxAgeMs: number;
  maxBytes: number;
  /** Reference time, ms since the epoch; `Date.now()` when absent. */
  nowMs?: number;
  signal?: AbortSignal;
}

/** What a prune pass removed, and the store's size after it. */
export interface PruneResult {
  deleted: number;
  used_bytes: number;
}

/**
 * Durable storage of tasks, sub-tasks, events and artifact metadata. Every write resolves only after its
 * transaction is committed; reads see committed data and, within one store instance, its own earlier writes.
 * Running tasks are never pruned.
 */
export interface TaskStore {
  info(): TaskStoreInfo;
  getTask(id: string): Promise<TaskRecord | undefined>;
  /** The task's sub-tasks in plan order (empty when unknown). */
  getSubtasks(id: string): Promise<SubtaskRecord[]>;
  getArtifact(id: string, path: string): Promise<ArtifactMeta | undefined>;
  /** @throws InvalidInputError for a malformed cursor. */
  listArtifacts(id: string, page: { cursor?: string; limit: number }): Promise<ArtifactPage>;
  /** The last `limit` events, oldest first. */
  listEvents(id: string, limit: number): Promise<TaskEvent[]>;
  /** Newest first. @throws InvalidInputError for a malformed cursor. */
  listTasks(query: TaskListQuery): Promise<TaskPage>;
  /** Commits `change` atomically; resolves after the commit. */
  write(change: TaskChange): Promise<void>;
  /**
   * Atomic read-modify-write (also across processes sharing the store): `decide` sees the committed task and its
   * sub-tasks inside a write transaction and returns the change to apply, or undefined to leave it.
   * @returns the task as it is after the transaction; undefined when unknown.
   */
  update(id: string, decide: (current: TaskSnapshot) => TaskChange | undefined): Promise<TaskRecord | undefined>;
  prune(policy: PrunePolicy): Promise<PruneResult>;
  /** Waits for pending writes, then closes. Idempotent. */
  close(): Promise<void>;
}
