import { z } from 'zod';
import { PlanSchema, type PlanRequest } from './plan.js';
import { ArtifactRecordSchema, SubTaskResultSchema, type ProgressEvent } from './run.js';
import {
  type ArtifactMeta,
  TaskEventSchema,
  type TaskStatus,
  TaskStatusSchema,
  type TaskStoreInfo,
  TaskSubtaskStatusSchema,
} from './task.js';

/** Parts `get_task` can include; all by default. `report` and `artifacts` come only once the task is done. */
export const TASK_INCLUDES = ['plan', 'subtasks', 'report', 'artifacts', 'events'] as const;
export type TaskInclude = (typeof TASK_INCLUDES)[number];

export const TaskProgressSchema = z.object({
  completed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  message: z.string(),
});

/** A sub-task as `get_task` shows it: the run result plus title, attempt and times. */
export const TaskSubtaskViewSchema = SubTaskResultSchema.extend({
  status: TaskSubtaskStatusSchema,
  title: z.string(),
  attempt: z.number().int().nonnegative(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});
export type TaskSubtaskView = z.infer<typeof TaskSubtaskViewSchema>;

/**
 * An artifact record with its resource URI. `content` is inline only when small and within the result's inline
 * budget (`truncated: true` otherwise); `changed_on_disk`: the file no longer has the recorded content (not inlined).
 * At most 20 diagnostics are listed; `diagnostics_omitted` counts the rest.
 */
export const TaskArtifactViewSchema = ArtifactRecordSchema.extend({
  resource_uri: z.string(),
  changed_on_disk: z.boolean().optional(),
  diagnostics_omitted: z.number().int().positive().optional(),
});
export type TaskArtifactView = z.infer<typeof TaskArtifactViewSchema>;

/**
 * What `get_task` (and `orchestrate_task`) return. Once done, `status`, `summary`, `workspace`, `plan`,
 * `subtasks`, `artifacts`, `mermaid` and `duration_ms` have the shape of an orchestration result.
 * `omitted` names parts left out to keep the result under its size cap.
 */
export const TaskViewSchema = z.object({
  task_id: z.string(),
  status: TaskStatusSchema,
  progress: TaskProgressSchema,
  resource_uri: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  finished_at: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  request: z.object({ task: z.string(), truncated: z.boolean() }),
  running_elsewhere: z.object({ pid: z.number().int(), hostname: z.string() }).optional(),
  summary: z.string().optional(),
  workspace: z.string(),
  mermaid: z.string(),
  duration_ms: z.number().nonnegative().optional(),
  plan: PlanSchema.optional(),
  subtasks: z.array(TaskSubtaskViewSchema).optional(),
  artifacts: z.array(TaskArtifactViewSchema).optional(),
  artifacts_total: z.number().int().nonnegative().optional(),
  next_artifact_cursor: z.string().nullable().optional(),
  report: z.string().optional(),
  events: z.array(TaskEventSchema).optional(),
  omitted: z.array(z.string()).optional(),
});
export type TaskView = z.infer<typeof TaskViewSchema>;

/** One line of `list_tasks`. `title` is the request's first 120 characters. */
export const TaskSummarySchema = z.object({
  task_id: z.string(),
  status: TaskStatusSchema,
  title: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  finished_at: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  progress: TaskProgressSchema,
  resource_uri: z.string(),
});
export type TaskSummary = z.infer<typeof TaskSummarySchema>;

export const TaskListSchema = z.object({ tasks: z.array(TaskSummarySchema), next_cursor: z.string().nullable() });
export type TaskList = z.infer<typeof TaskListSchema>;

/** Options of a task view: which parts, and a page of artifacts (`artifactLimit` 1..200, default 100). */
export interface TaskViewOptions {
  include?: readonly TaskInclude[];
  artifactCursor?: string;
  artifactLimit?: number;
}

/** What `cancel_task` did: `cancelled` stopped a run or closed an interrupted task; `not_running`: it had finished. */
export type CancelOutcome = 'cancelled' | 'not_running';

/** Counts for `get_system_status`. */
export interface TaskServiceStats {
  /** Ids of the tasks this process is running now. */
  running: string[];
  store: TaskStoreInfo;
}

/** The text content of one artifact file of a task, read from the workspace. */
export interface ArtifactContent {
  meta: ArtifactMeta;
  text: string;
  /** True when the file was longer than the read cap and `text` holds its start only. */
  truncated: boolean;
}

/**
 * Durable tasks: runs that outlive the call that started them, persisted as they go. Every method validates the
 * id and throws `TaskNotFoundError` (code `task_not_found`) for an unknown one.
 */
export interface TaskService {
  /**
   * Plans `request`, stores the task and starts running it in the background. Resolves once the task is stored.
   * @throws InvalidInputError for a request the planner refuses (nothing is stored then).
   */
  start(request: PlanRequest, options?: { signal?: AbortSignal }): Promise<string>;
  /**
   * Re-runs the sub-tasks that did not succeed (and those whose artifacts changed on disk), in the background.
   * Resolves once the task is marked running again; a task already running here resolves at once.
   * @throws TaskStateError when the task succeeded already or runs in another live process.
   */
  resume(taskId: string, options?: { signal?: AbortSignal }): Promise<string>;
  /**
   * Waits up to `timeoutMs` for the task's run in this process to finish, relaying its progress to `onProgress`
   * (the latest step at once, then each new one). Resolves true when no run of it is active any more.
   */
  wait(
    taskId: string,
    options: { timeoutMs: number; signal?: AbortSignal; onProgress?: (event: ProgressEvent) => void },
  ): Promise<boolean>;
  /** Stops a running task (its sub-tasks and their downstream calls get the abort), then resolves. */
  cancel(taskId: string, options?: { signal?: AbortSignal }): Promise<CancelOutcome>;
  view(taskId: string, options?: TaskViewOptions): Promise<TaskView>;
  list(query: { status?: TaskStatus; limit?: number; cursor?: string }): Promise<TaskList>;
  /** The task as a Markdown report. */
  report(taskId: string): Promise<string>;
  /** The task's DAG as Mermaid with statuses. */
  graph(taskId: string): Promise<string>;
  /** @throws TaskNotFoundError when the task has no artifact at `path`. */
  readArtifact(taskId: string, path: string, options?: { maxBytes?: number }): Promise<ArtifactContent>;
  stats(): TaskServiceStats;
  /** Stops every run (their tasks become `interrupted`), waits for their last writes. Idempotent. */
  dispose(): Promise<void>;
}
