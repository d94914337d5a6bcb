import type { Agent } from '../contracts/agent.js';
import type { Artifact, ArtifactWriter, CheckVerdict } from '../contracts/artifact.js';
import type { AgentKind, Plan, SubTask } from '../contracts/plan.js';
import type { ProgressEvent, SubTaskResult, SubTaskStatus } from '../contracts/run.js';
import { ConfigError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { transitiveDependencies, validatePlan } from './dag.js';
import { runSubtask, type ProducedArtifact, type SubTaskOutcome } from './subtask-runner.js';

export type { ProducedArtifact } from './subtask-runner.js';

/** What the executor is built from. */
export interface ExecutorDeps {
  /** One agent per kind; a sub-task whose kind has no agent fails with code `agent_missing`. */
  agents: ReadonlyMap<AgentKind, Agent>;
  /** Most sub-tasks running at once, ≥ 1. */
  maxConcurrent: number;
  /** Time limit of one sub-task (agent run plus writes), ms. */
  subtaskTimeoutMs: number;
  logger?: Logger;
}

/** Options of one execution. */
export interface ExecutionOptions {
  /** The safety-filtered request text every agent receives. */
  request: string;
  writer: ArtifactWriter;
  signal?: AbortSignal;
  /** Called once per sub-task as it reaches a final state (succeeded, failed, cancelled or skipped). */
  onProgress?: (event: ProgressEvent) => void;
}

/** The outcome of executing a plan. */
export interface ExecutionResult {
  /** One result per sub-task, in plan order. */
  subtasks: SubTaskResult[];
  /** Written artifacts of succeeded sub-tasks, in plan order; when two wrote the same path, the last write wins. */
  artifacts: ProducedArtifact[];
  /** Verdicts reported by agents' `checks` (the quality agent), keyed by artifact path. */
  checks: Map<string, CheckVerdict>;
}

/** Runs a validated plan's sub-tasks with bounded concurrency in dependency order. */
export interface Executor {
  /**
   * Never rejects for a sub-task failure: failures, timeouts and cancellation are reported per sub-task.
   * @throws PlanValidationError when the plan is not a valid DAG.
   */
  run(plan: Plan, options: ExecutionOptions): Promise<ExecutionResult>;
}

interface RunState {
  readonly plan: Plan;
  readonly options: ExecutionOptions;
  readonly status: Map<string, SubTaskStatus>;
  readonly results: Map<string, SubTaskResult>;
  readonly produced: Map<string, ProducedArtifact[]>;
  readonly lastWrite: Map<string, ProducedArtifact>;
  readonly checks: Map<string, CheckVerdict>;
  completed: number;
}

function report(state: RunState, subtask: SubTask, result: SubTaskResult): void {
  state.status.set(subtask.id, result.status);
  state.results.set(subtask.id, result);
  state.completed += 1;
  const reason = result.status === 'succeeded' ? '' : result.error ? ` (${result.error.message})` : '';
  const event = {
    completed: state.completed,
    total: state.plan.subtasks.length,
    message: `${state.completed}/${state.plan.subtasks.length} ${subtask.agent}: ${subtask.id} ${result.status}${reason}`,
  };
  try {
    state.options.onProgress?.(event);
  } catch {
    // A failing progress listener must not break the run.
  }
}

/** Marks as skipped every pending sub-task that can no longer start: a dependency did not succeed, or the run aborted. */
function skipBlocked(state: RunState): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const subtask of state.plan.subtasks) {
      if (state.status.get(subtask.id) !== 'pending') continue;
      const blocker = subtask.depends_on.find((d) =>
        ['failed', 'cancelled', 'skipped'].includes(state.status.get(d) ?? ''),
      );
      const aborted = state.options.signal?.aborted === true;
      if (blocker === undefined && !aborted) continue;
      const error = aborted
        ? { code: 'cancelled', message: 'the run was cancelled before this sub-task started' }
        : { code: 'dependency_failed', message: `dependency ${blocker} ${state.status.get(blocker ?? '')}` };
      report(state, subtask, {
        id: subtask.id,
        agent: subtask.agent,
        status: 'skipped',
        duration_ms: 0,
        error,
        artifacts: [],
      });
      changed = true;
    }
  }
}

function inputsFor(state: RunState, subtask: SubTask): Artifact[] {
  const deps = transitiveDependencies(state.plan, subtask.id);
  return state.plan.subtasks
    .filter((s) => deps.has(s.id))
    .flatMap((s) => (state.produced.get(s.id) ?? []).map((p) => p.artifact));
}

function record(state: RunState, subtask: SubTask, outcome: SubTaskOutcome): void {
  state.produced.set(subtask.id, outcome.produced);
  for (const p of outcome.produced) state.lastWrite.set(p.written.path, p);
  for (const check of outcome.output?.checks ?? []) state.checks.set(check.path, check.verdict);
  report(state, subtask, {
    id: subtask.id,
    agent: subtask.agent,
    status: outcome.status,
    duration_ms: outcome.durationMs,
    ...(outcome.output ? { summary: outcome.output.summary } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
    artifacts: outcome.produced.map((p) => p.written.path),
  });
}

function toResult(state: RunState): ExecutionResult {
  const subtasks = state.plan.subtasks
    .map((s) => state.results.get(s.id))
    .filter((r): r is SubTaskResult => r !== undefined);
  const artifacts = state.plan.subtasks
    .flatMap((s) => state.produced.get(s.id) ?? [])
    .filter((p) => state.lastWrite.get(p.written.path) === p);
  return { subtasks, artifacts, checks: state.checks };
}

/**
 * Creates the executor. It starts every ready sub-task (all dependencies succeeded) in plan order, at most
 * `maxConcurrent` at a time; each gets `AbortSignal.any([run signal, AbortSignal.timeout(subtaskTimeoutMs)])` and
 * the artifacts of its transitive dependencies in plan order. A sub-task that does not succeed marks its dependents
 * `skipped`; when the run signal aborts, running sub-tasks become `cancelled` at once (even if their agent ignores
 * the signal) and the rest `skipped`.
 *
 * @throws ConfigError when `maxConcurrent` is not an integer ≥ 1 or `subtaskTimeoutMs` is not positive.
 */
export function createExecutor(deps: ExecutorDeps): Executor {
  if (!Number.isInteger(deps.maxConcurrent) || deps.maxConcurrent < 1) {
    throw new ConfigError(`maxConcurrent must be an integer ≥ 1 (got ${deps.maxConcurrent}).`);
  }
  if (!(deps.subtaskTimeoutMs > 0))
    throw new ConfigError(`subtaskTimeoutMs must be positive (got ${deps.subtaskTimeoutMs}).`);

  async function run(plan: Plan, options: ExecutionOptions): Promise<ExecutionResult> {
    validatePlan(plan);
    const state: RunState = {
      plan,
      options,
      status: new Map(plan.subtasks.map((s) => [s.id, 'pending'])),
      results: new Map(),
      produced: new Map(),
      lastWrite: new Map(),
      checks: new Map(),
      completed: 0,
    };
    const running = new Map<string, Promise<void>>();
    const start = (subtask: SubTask): void => {
      state.status.set(subtask.id, 'running');
      deps.logger?.debug({ subtask: subtask.id, agent: subtask.agent }, 'sub-task started');
      const ctx = { plan, subtask, agents: deps.agents, request: options.request, inputs: inputsFor(state, subtask) };
      const task = runSubtask({
        ...ctx,
        writer: options.writer,
        runSignal: options.signal,
        subtaskTimeoutMs: deps.subtaskTimeoutMs,
        logger: deps.logger,
      })
        .then((outcome) => record(state, subtask, outcome))
        .finally(() => running.delete(subtask.id));
      running.set(subtask.id, task);
    };
    for (;;) {
      skipBlocked(state);
      const ready = plan.subtasks.filter(
        (s) => state.status.get(s.id) === 'pending' && s.depends_on.every((d) => state.status.get(d) === 'succeeded'),
      );
      for (const subtask of ready.slice(0, Math.max(0, deps.maxConcurrent - running.size))) start(subtask);
      if (running.size === 0) break;
      await Promise.race(running.values());
    }
    return toResult(state);
  }

  return { run };
}
