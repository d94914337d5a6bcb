import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ArtifactWriter } from '../contracts/artifact.js';
import type { Plan, PlanRequest, Planner } from '../contracts/plan.js';
import type {
  CompletedSubtask,
  OrchestrateOptions,
  OrchestrationResult,
  OrchestrationStats,
  Orchestrator,
  ProgressEvent,
  RunFinishedEvent,
  RunObserver,
  RunStatus,
} from '../contracts/run.js';
import { CancelledError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { throwIfAborted } from '../core/signals.js';
import { toMermaid } from './dag.js';
import type { Executor } from './executor.js';
import { screenPlanRequest } from './planner.js';
import { toArtifactRecords, toRunStatus, toRunSummary } from './run-report.js';

/** Prefix of the temp directory a run gets when no workspace is configured. */
export const TEMP_RUN_PREFIX = 'multi-orchestrator-';

/** What the orchestrator is built from. */
export interface OrchestratorDeps {
  planner: Planner;
  executor: Executor;
  /** Builds the writer for one run root (an absolute directory the orchestrator just created). */
  createWriter: (runRoot: string) => Promise<ArtifactWriter>;
  /** Configured workspace; each run writes under `<workspace>/run-<ISO time>-<6 hex>`. Absent: a fresh temp dir per run. */
  workspace?: string;
  /** Largest artifact whose content is returned inline, bytes. */
  inlineArtifactMaxBytes: number;
  /** Told about every finished run, in order; failures are logged and ignored. */
  observers?: readonly RunObserver[];
  logger?: Logger;
}

/** The run folder name: `run-<ISO timestamp with : and . as ->-<6 random hex>`, unique and sortable by time. */
export function toRunFolderName(now: Date, random: string): string {
  return `run-${now.toISOString().replace(/[:.]/g, '-')}-${random}`;
}

/**
 * Creates the folder one run writes under: `<workspace>/run-<time>-<hex>` when a workspace is configured, else a
 * fresh temp directory (`multi-orchestrator-XXXXXX`).
 */
export async function createRunRoot(workspace: string | undefined): Promise<string> {
  if (workspace === undefined) return mkdtemp(join(tmpdir(), TEMP_RUN_PREFIX));
  const runRoot = join(resolve(workspace), toRunFolderName(new Date(), randomBytes(3).toString('hex')));
  await mkdir(runRoot, { recursive: true });
  return runRoot;
}

type Counters = { -readonly [K in keyof OrchestrationStats]: number };

function finalStatusOf(error: unknown): Extract<RunStatus, 'failed' | 'cancelled'> {
  return error instanceof CancelledError ? 'cancelled' : 'failed';
}

/** Runs a plan: creates the run's writer, reports "planned N sub-tasks", executes, and builds the result. */
async function runPlanned(
  deps: OrchestratorDeps,
  request: PlanRequest,
  plan: Plan,
  options: OrchestrateOptions,
  startedAt: number,
): Promise<OrchestrationResult> {
  const writer = options.writer ?? (await deps.createWriter(await createRunRoot(deps.workspace)));
  const progress = options.onProgress;
  try {
    progress?.(toFirstProgress(plan, options.completed ?? []));
  } catch {
    // A failing progress listener must not break the run.
  }
  const execution = await deps.executor.run(plan, {
    request: screenPlanRequest(request).text,
    writer,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(progress ? { onProgress: progress } : {}),
    ...(options.completed ? { completed: options.completed } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
  const status = toRunStatus(execution.subtasks, options.signal?.aborted === true);
  const artifacts = toArtifactRecords(execution, deps.inlineArtifactMaxBytes);
  const statuses = new Map(execution.subtasks.map((s) => [s.id, s.status]));
  return {
    status,
    summary: toRunSummary({ status, plan, subtasks: execution.subtasks, artifacts, workspace: writer.root }),
    workspace: writer.root,
    plan,
    subtasks: execution.subtasks,
    artifacts,
    mermaid: toMermaid(plan, statuses),
    duration_ms: performance.now() - startedAt,
  };
}

/** The first progress step: "planned N sub-tasks", or on a resume how many of them are already done. */
export function toFirstProgress(plan: Plan, completed: readonly CompletedSubtask[]): ProgressEvent {
  const total = plan.subtasks.length;
  const ids = new Set(plan.subtasks.map((s) => s.id));
  const done = completed.filter((c) => ids.has(c.result.id)).length;
  const message =
    done > 0
      ? `resuming: ${done} of ${total} sub-tasks already succeeded`
      : `planned ${total} sub-task${total === 1 ? '' : 's'}`;
  return { completed: done, total, message };
}

/**
 * How long observers may take to record a finished run, ms. Their signal is this timeout only, not the run's:
 * a cancelled run's decisions are still worth recording, and its own signal is already aborted.
 */
export const OBSERVER_TIMEOUT_MS = 10_000;

async function notifyObservers(deps: OrchestratorDeps, event: RunFinishedEvent): Promise<void> {
  for (const observer of deps.observers ?? []) {
    try {
      await observer.runFinished(event, { signal: AbortSignal.timeout(OBSERVER_TIMEOUT_MS) });
    } catch (error) {
      deps.logger?.warn({ observer: observer.name, err: error }, 'run observer failed');
    }
  }
}

/**
 * Creates the orchestrator: plan (or `options.plan`) → progress "planned N sub-tasks" → execute (skipping
 * `options.completed`, calling `options.hooks`) → result with status, a summary built
 * from counts, the workspace path, sub-task results, artifact records (verdicts; content inline up to
 * `inlineArtifactMaxBytes`), a Mermaid DAG with statuses and the measured `duration_ms` (`performance.now()`).
 * Agents receive the request with rejected instructions removed (`screenPlanRequest`).
 */
export function createOrchestrator(deps: OrchestratorDeps): Orchestrator {
  const counters: Counters = { started: 0, running: 0, succeeded: 0, partial: 0, failed: 0, cancelled: 0 };

  return {
    async orchestrate(request: PlanRequest, options: OrchestrateOptions = {}): Promise<OrchestrationResult> {
      const startedAt = performance.now();
      counters.started += 1;
      counters.running += 1;
      let final: RunStatus = 'failed';
      try {
        throwIfAborted(options.signal);
        const plan =
          options.plan ?? (await deps.planner.plan(request, options.signal ? { signal: options.signal } : {}));
        const result = await runPlanned(deps, request, plan, options, startedAt);
        final = result.status;
        const taskId = options.taskId;
        await notifyObservers(deps, { ...(taskId ? { task_id: taskId } : {}), request, result });
        deps.logger?.info(
          { task_id: taskId, status: result.status, subtasks: plan.subtasks.length, durationMs: result.duration_ms },
          'orchestration finished',
        );
        return result;
      } catch (error) {
        final = finalStatusOf(error);
        throw error;
      } finally {
        counters.running -= 1;
        counters[final] += 1;
      }
    },
    stats: () => ({ ...counters }),
  };
}
