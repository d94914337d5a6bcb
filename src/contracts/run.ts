import { z } from 'zod';
import { CheckVerdictSchema } from './artifact.js';
import { AgentKindSchema, PlanSchema, type Plan, type PlanRequest } from './plan.js';
import type { ArtifactWriter, Artifact, WrittenArtifact } from './artifact.js';
import type { ArtifactCheck } from './agent.js';
import type { SubTask } from './plan.js';

/** Status of one sub-task in a run. `skipped`: a dependency failed or was cancelled, so it never started. */
export const SubTaskStatusSchema = z.enum(['pending', 'running', 'succeeded', 'failed', 'cancelled', 'skipped']);
export type SubTaskStatus = z.infer<typeof SubTaskStatusSchema>;

/** The outcome of one sub-task. `duration_ms` is measured wall time (0 when it never started). */
export const SubTaskResultSchema = z.object({
  id: z.string(),
  agent: AgentKindSchema,
  status: SubTaskStatusSchema,
  duration_ms: z.number().nonnegative(),
  summary: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  artifacts: z.array(z.string()),
});
export type SubTaskResult = z.infer<typeof SubTaskResultSchema>;

/**
 * A written and checked artifact. `content` is inline only when `size_bytes` ≤ the configured cap
 * (`truncated: true` otherwise; the file is at `absolute_path`). `verdict` comes from the quality agent's checks;
 * an artifact that no check covered is `unchecked`.
 */
export const ArtifactRecordSchema = z.object({
  path: z.string(),
  absolute_path: z.string(),
  language: z.string(),
  kind: z.string(),
  size_bytes: z.number().int().nonnegative(),
  produced_by: z.string(),
  verdict: CheckVerdictSchema,
  content: z.string().optional(),
  truncated: z.boolean(),
});
export type ArtifactRecord = z.infer<typeof ArtifactRecordSchema>;

/** Overall run status: `succeeded` when every sub-task succeeded; `partial` when some did; else `failed`/`cancelled`. */
export const RunStatusSchema = z.enum(['succeeded', 'partial', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** The result of `orchestrate_task`. `mermaid` is a `graph TD` rendering of the DAG with statuses. */
export const OrchestrationResultSchema = z.object({
  status: RunStatusSchema,
  summary: z.string(),
  workspace: z.string(),
  plan: PlanSchema,
  subtasks: z.array(SubTaskResultSchema),
  artifacts: z.array(ArtifactRecordSchema),
  mermaid: z.string(),
  duration_ms: z.number().nonnegative(),
});
export type OrchestrationResult = z.infer<typeof OrchestrationResultSchema>;

/** A progress step: `completed` of `total` sub-tasks finished; `message` names what just happened. */
export interface ProgressEvent {
  completed: number;
  total: number;
  message: string;
}

/** An artifact a sub-task produced, as written to the workspace. */
export interface WrittenOutput {
  artifact: Artifact;
  written: WrittenArtifact;
}

/** What a persisting caller learns when a sub-task reaches a final state (succeeded, failed, cancelled, skipped). */
export interface SubtaskFinishedEvent {
  result: SubTaskResult;
  /** The artifacts it wrote (empty unless it succeeded). */
  outputs: readonly WrittenOutput[];
  /** Verdicts the agent reported (the quality agent's checks; empty for the others). */
  checks: readonly ArtifactCheck[];
}

/**
 * Hooks a durable caller (the task runner) attaches to a run. Each is awaited before the run goes on, so a state
 * change is committed before it is reported as progress. A hook that throws is logged and does not stop the run.
 */
export interface RunHooks {
  onSubtaskStarted?: (event: { subtask: SubTask }) => Promise<void>;
  onSubtaskFinished?: (event: SubtaskFinishedEvent) => Promise<void>;
}

/** A sub-task that already succeeded in an earlier run of the same plan: reused as is, never re-run. */
export interface CompletedSubtask {
  result: SubTaskResult;
  /** Its artifacts, read back from the workspace (content checked against the recorded SHA-256). */
  outputs: readonly WrittenOutput[];
  checks: readonly ArtifactCheck[];
}

/** Options of one orchestration run. */
export interface OrchestrateOptions {
  signal?: AbortSignal;
  /** Called after planning and after every sub-task finishes. Never awaited for longer than the call. */
  onProgress?: (event: ProgressEvent) => void;
  /** Where to write artifacts; the orchestrator creates a fresh temp workspace when absent. */
  writer?: ArtifactWriter;
  /** A plan made earlier (a durable task plans before it starts, and a resume re-uses its plan): planning is skipped. */
  plan?: Plan;
  /** Sub-tasks of `plan` that already succeeded; they are not re-run (resume). */
  completed?: readonly CompletedSubtask[];
  /** Persistence hooks, awaited in order. */
  hooks?: RunHooks;
  /** The durable task this run belongs to; passed on to observers. */
  taskId?: string;
}

/** Plans a request and runs the plan. */
export interface Orchestrator {
  /**
   * @throws InvalidInputError for an empty, oversize or entirely rejected request.
   * @throws CancelledError when `signal` aborts before planning finished (a run cancelled later returns
   *   `status: "cancelled"` with what finished).
   */
  orchestrate(request: PlanRequest, options?: OrchestrateOptions): Promise<OrchestrationResult>;
  /** Counts since start, for `get_system_status`. */
  stats(): OrchestrationStats;
}

/** Orchestration counters since start, by final run status. */
export interface OrchestrationStats {
  started: number;
  running: number;
  succeeded: number;
  partial: number;
  failed: number;
  cancelled: number;
}

export type { Plan };

/** What an observer is told when a run has finished (whatever its status). */
export interface RunFinishedEvent {
  /** The durable task of the run (set for every run started through the task runner, i.e. `orchestrate_task`). */
  task_id?: string;
  request: PlanRequest;
  result: OrchestrationResult;
}

/**
 * Attached by the composition root to learn about finished runs (e.g. the memory-server decision recorder).
 * The orchestrator awaits each observer after the result is built; an observer's failure is logged and never
 * changes the result.
 */
export interface RunObserver {
  readonly name: string;
  runFinished(event: RunFinishedEvent, options?: { signal?: AbortSignal }): Promise<void>;
}
