import type { Agent, ArtifactCheck } from '../contracts/agent.js';
import type { Artifact, ArtifactWriter, CheckVerdict } from '../contracts/artifact.js';
import type { AgentKind, Plan, SubTask } from '../contracts/plan.js';
import type {
  CompletedSubtask,
  ProgressEvent,
  RunHooks,
  SubTaskResult,
  SubTaskStatus,
  WrittenOutput,
} from '../contracts/run.js';
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
  /** Sub-tasks that already succeeded (resume): counted as done, never re-run; their artifacts feed their dependents. */
  completed?: readonly CompletedSubtask[];
  /** Awaited as each sub-task starts and as it reaches a final state, before its progress is reported. */
  hooks?: RunHooks;
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
  readonly logger: Logger | undefined;
  readonly status: Map<string, SubTaskStatus>;
  readonly results: Map<string, SubTaskResult>;
  readonly produced: Map<string, ProducedArtifact[]>;
  readonly lastWrite: Map<string, ProducedArtifact>;
  readonly checks: Map<string, CheckVerdict>;
  completed: number;
}

function report(state: RunState, subtask: SubTask, result: SubTaskResult): void {
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

/** Awaits a hook; a hook that throws is logged and the run goes on. */
async function callHook(
  state: RunState,
  name: string,
  hook: (() => Promise<void> | undefined) | undefined,
): Promise<void> {
  try {
    await hook?.();
  } catch (error) {
    state.logger?.error({ hook: name, err: error }, 'run hook failed');
  }
}

/** Records a final state at once (the scheduler sees it), awaits the finished hook, then reports progress. */
async function settle(
  state: RunState,
  subtask: SubTask,
  result: SubTaskResult,
  outputs: readonly WrittenOutput[] = [],
  checks: readonly ArtifactCheck[] = [],
): Promise<void> {
  state.status.set(subtask.id, result.status);
  state.results.set(subtask.id, result);
  const hook = state.options.hooks?.onSubtaskFinished;
  await callHook(state, 'onSubtaskFinished', hook && (() => hook({ result, outputs, checks })));
  report(state, subtask, result);
}

/** The pending sub-tasks that can no longer start (a dependency did not succeed, or the run aborted), with why. */
function findBlocked(state: RunState): Array<{ subtask: SubTask; error: { code: string; message: string } }> {
  const aborted = state.options.signal?.aborted === true;
  return state.plan.subtasks.flatMap((subtask) => {
    if (state.status.get(subtask.id) !== 'pending') return [];
    const blocker = subtask.depends_on.find((d) =>
      ['failed', 'cancelled', 'skipped'].includes(state.status.get(d) ?? ''),
    );
    if (blocker === undefined && !aborted) return [];
    const error = aborted
      ? { code: 'cancelled', message: 'the run was cancelled before this sub-task started' }
      : { code: 'dependency_failed', message: `dependency ${blocker} ${state.status.get(blocker ?? '')}` };
    return [{ subtask, error }];
  });
}

/** Marks as skipped every pending sub-task that can no longer start, until none is left (skips cascade). */
async function skipBlocked(state: RunState): Promise<void> {
  for (let blocked = findBlocked(state); blocked.length > 0; blocked = findBlocked(state)) {
    for (const { subtask } of blocked) state.status.set(subtask.id, 'skipped');
    for (const { subtask, error } of blocked) {
      const result = {
        id: subtask.id,
        agent: subtask.agent,
        status: 'skipped' as const,
        duration_ms: 0,
        error,
        artifacts: [],
      };
      await settle(state, subtask, result);
    }
  }
}

function inputsFor(state: RunState, subtask: SubTask): Artifact[] {
  const deps = transitiveDependencies(state.plan, subtask.id);
  return state.plan.subtasks
    .filter((s) => deps.has(s.id))
    .flatMap((s) => (state.produced.get(s.id) ?? []).map((p) => p.artifact));
}

async function record(state: RunState, subtask: SubTask, outcome: SubTaskOutcome): Promise<void> {
  state.produced.set(subtask.id, outcome.produced);
  for (const p of outcome.produced) state.lastWrite.set(p.written.path, p);
  const checks = outcome.output?.checks ?? [];
  for (const check of checks) state.checks.set(check.path, check.verdict);
  const result: SubTaskResult = {
    id: subtask.id,
    agent: subtask.agent,
    status: outcome.status,
    duration_ms: outcome.durationMs,
    ...(outcome.output ? { summary: outcome.output.summary } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
    artifacts: outcome.produced.map((p) => p.written.path),
  };
  await settle(state, subtask, result, outcome.produced, checks);
}

/** A run state with the already-completed sub-tasks (resume) recorded as succeeded. */
function createState(plan: Plan, options: ExecutionOptions, logger: Logger | undefined): RunState {
  const state: RunState = {
    plan,
    options,
    logger,
    status: new Map(plan.subtasks.map((s) => [s.id, 'pending'])),
    results: new Map(),
    produced: new Map(),
    lastWrite: new Map(),
    checks: new Map(),
    completed: 0,
  };
  for (const done of options.completed ?? []) {
    const { id } = done.result;
    if (state.status.get(id) !== 'pending') continue;
    const produced = done.outputs.map((o) => ({ ...o, producedBy: id }));
    state.status.set(id, 'succeeded');
    state.results.set(id, { ...done.result, status: 'succeeded' });
    state.produced.set(id, produced);
    for (const p of produced) state.lastWrite.set(p.written.path, p);
    for (const check of done.checks) state.checks.set(check.path, check.verdict);
    state.completed += 1;
  }
  return state;
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

  async function runOne(state: RunState, subtask: SubTask): Promise<void> {
    const started = state.options.hooks?.onSubtaskStarted;
    await callHook(state, 'onSubtaskStarted', started && (() => started({ subtask })));
    deps.logger?.debug({ subtask: subtask.id, agent: subtask.agent }, 'sub-task started');
    const outcome = await runSubtask({
      plan: state.plan,
      subtask,
      agents: deps.agents,
      request: state.options.request,
      inputs: inputsFor(state, subtask),
      writer: state.options.writer,
      runSignal: state.options.signal,
      subtaskTimeoutMs: deps.subtaskTimeoutMs,
      logger: deps.logger,
    });
    await record(state, subtask, outcome);
  }

  async function run(plan: Plan, options: ExecutionOptions): Promise<ExecutionResult> {
    validatePlan(plan);
    const state = createState(plan, options, deps.logger);
    const running = new Map<string, Promise<void>>();
    const start = (subtask: SubTask): void => {
      state.status.set(subtask.id, 'running');
      running.set(
        subtask.id,
        runOne(state, subtask).finally(() => running.delete(subtask.id)),
      );
    };
    for (;;) {
      await skipBlocked(state);
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
