import { randomUUID } from 'node:crypto';
import type { Artifact, ArtifactChecker, ArtifactWriter, CheckVerdict } from '../../contracts/artifact.js';
import type { Plan, PlanRequest, Planner, SubTask } from '../../contracts/plan.js';
import type { SubTaskStatus } from '../../contracts/run.js';
import { InvalidInputError } from '../../core/errors.js';
import { throwIfAborted } from '../../core/signals.js';
import { readySubtasks } from './instructions.js';
import {
  MAX_SUBMISSIONS_PER_SUBTASK,
  type DelegatedArtifact,
  type DelegatedTask,
  type DelegationProgress,
  type DelegationStore,
  type Submission,
  type SubmissionResult,
} from './types.js';

/** Most diagnostics per artifact returned to the host (the rest are counted in the message). */
const DIAGNOSTICS_PER_ARTIFACT = 20;

/** What the delegation service is built from (by the composition root). */
export interface DelegationDeps {
  store: DelegationStore;
  checker: ArtifactChecker;
  /** The planner `orchestrate_task` uses (model-assisted when a model is available, else the rule planner). */
  planner: Planner;
  /** The safety-screened request text. */
  screenedText: (request: PlanRequest) => string;
  /** The orchestrator's Mermaid rendering of a plan with statuses. */
  toMermaid: (plan: Plan, statuses: ReadonlyMap<string, SubTaskStatus>) => string;
  /** Creates a fresh run folder and returns its absolute path. */
  createRunRoot: () => Promise<string>;
  createWriter: (root: string) => Promise<ArtifactWriter>;
}

/** Delegate mode: plan here, let the calling agent write each sub-task's files, check every submission here. */
export interface Delegation {
  /**
   * Plans the request and records a delegated task.
   * @throws what the planner throws (InvalidInputError for an empty or fully rejected request); CancelledError.
   */
  start(request: PlanRequest, options?: { signal?: AbortSignal }): Promise<DelegationProgress & { plan: Plan }>;
  /**
   * Writes and checks one sub-task's files and returns what is ready next. A failed check is a normal result
   * (`accepted: false`, diagnostics included), not an error.
   * @throws InvalidInputError for an unknown task or sub-task, one not ready yet, already succeeded, out of
   *   submissions, or files that belong to another sub-task; WorkspaceEscapeError for a path leaving the workspace.
   */
  submit(submission: Submission, options?: { signal?: AbortSignal }): Promise<SubmissionResult>;
}

const nowIso = (): string => new Date().toISOString();

function toStatuses(task: DelegatedTask): Map<string, SubTaskStatus> {
  const map: Record<string, SubTaskStatus> = {
    pending: 'pending',
    ready: 'pending',
    succeeded: 'succeeded',
    failed: 'failed',
  };
  return new Map(task.subtasks.map((s) => [s.id, map[s.status] ?? 'pending']));
}

function toProgress(deps: DelegationDeps, task: DelegatedTask): DelegationProgress {
  return {
    task_id: task.task_id,
    status: task.status,
    workspace: task.workspace,
    completed: task.subtasks.filter((s) => s.status === 'succeeded').length,
    total: task.subtasks.length,
    ready_subtasks: readySubtasks(task),
    mermaid: deps.toMermaid(task.plan, toStatuses(task)),
  };
}

function findSubtask(task: DelegatedTask, id: string): { plan: SubTask; state: DelegatedTask['subtasks'][number] } {
  const plan = task.plan.subtasks.find((s) => s.id === id);
  const state = task.subtasks.find((s) => s.id === id);
  if (plan === undefined || state === undefined) {
    throw new InvalidInputError(`Task ${task.task_id} has no sub-task "${id}".`, {
      hint: `Use one of: ${task.plan.subtasks.map((s) => s.id).join(', ')}.`,
    });
  }
  return { plan, state };
}

function assertSubmittable(task: DelegatedTask, subtask: SubTask, submission: Submission): void {
  const state = findSubtask(task, subtask.id).state;
  if (task.status !== 'running')
    throw new InvalidInputError(`Task ${task.task_id} is ${task.status}; nothing more can be submitted.`);
  if (state.status === 'succeeded') {
    throw new InvalidInputError(`Sub-task "${subtask.id}" already succeeded.`, {
      hint: 'Submit one of the ready sub-tasks instead.',
    });
  }
  if (state.submissions >= MAX_SUBMISSIONS_PER_SUBTASK) {
    throw new InvalidInputError(`Sub-task "${subtask.id}" used all ${MAX_SUBMISSIONS_PER_SUBTASK} submissions.`);
  }
  const waiting = subtask.depends_on.filter((d) => findSubtask(task, d).state.status !== 'succeeded');
  if (waiting.length > 0) {
    throw new InvalidInputError(`Sub-task "${subtask.id}" is not ready: ${waiting.join(', ')} must succeed first.`, {
      hint: 'Submit the ready sub-tasks listed in the last answer first.',
    });
  }
  const owned = new Map(
    task.subtasks.filter((s) => s.id !== subtask.id).flatMap((s) => s.artifacts.map((a) => [a.path, s.id])),
  );
  const clash = (submission.artifacts ?? []).find((a) => owned.has(a.path));
  if (clash) {
    throw new InvalidInputError(`${clash.path} belongs to sub-task "${owned.get(clash.path)}".`, {
      hint: "Write this sub-task's own files; earlier files are read-only.",
    });
  }
}

function trimVerdict(verdict: CheckVerdict): CheckVerdict {
  return { ...verdict, diagnostics: verdict.diagnostics.slice(0, DIAGNOSTICS_PER_ARTIFACT) };
}

/** Writes and checks the files; quality sub-tasks re-check every file of the task. */
async function writeAndCheck(
  deps: DelegationDeps,
  task: DelegatedTask,
  subtask: SubTask,
  artifacts: readonly Artifact[],
  signal: AbortSignal | undefined,
): Promise<{ written: DelegatedArtifact[]; reported: Array<{ path: string; verdict: CheckVerdict }> }> {
  const writer = await deps.createWriter(task.workspace);
  const context = task.subtasks
    .filter((s) => s.id !== subtask.id && s.status === 'succeeded')
    .flatMap((s) => s.artifacts);
  const all: Artifact[] = [
    ...context.map(({ path, language, kind, content }) => ({ path, language, kind, content })),
    ...artifacts,
  ];
  const verdicts =
    all.length > 0 ? await deps.checker.check(all, signal ? { signal } : {}) : new Map<string, CheckVerdict>();
  const unchecked: CheckVerdict = { status: 'unchecked', checks: [], diagnostics: [] };
  const written: DelegatedArtifact[] = [];
  for (const artifact of artifacts) {
    const file = await writer.write(artifact, signal ? { signal } : {});
    const verdict = verdicts.get(artifact.path) ?? unchecked;
    written.push({
      ...artifact,
      absolute_path: file.absolutePath,
      size_bytes: file.sizeBytes,
      produced_by: subtask.id,
      verdict,
    });
  }
  const scope = subtask.agent === 'quality' ? all.map((a) => a.path) : artifacts.map((a) => a.path);
  return { written, reported: scope.map((path) => ({ path, verdict: trimVerdict(verdicts.get(path) ?? unchecked) })) };
}

function toMessage(
  task: DelegatedTask,
  accepted: boolean,
  failed: readonly string[],
  submissions: number,
  ready: number,
): string {
  if (task.status === 'succeeded')
    return `Accepted. All ${task.subtasks.length} sub-tasks succeeded; the files are in ${task.workspace}.`;
  if (accepted) return `Accepted: the files passed their checks; ${ready} sub-task(s) ready.`;
  const left = MAX_SUBMISSIONS_PER_SUBTASK - submissions;
  return left > 0
    ? `Not accepted: ${failed.length} file(s) failed their checks (${failed.join(', ')}); fix them and submit again (${left} submission(s) left).`
    : `Not accepted: ${failed.join(', ')} still fail; no submissions left, so the task failed.`;
}

/** Records a submission: the sub-task's files and status, newly ready sub-tasks, and the task's status. */
function applySubmission(
  task: DelegatedTask,
  state: DelegatedTask['subtasks'][number],
  outcome: { summary: string; written: DelegatedArtifact[]; failed: boolean },
): void {
  state.submissions += 1;
  state.summary = outcome.summary;
  state.artifacts = outcome.written;
  state.status = outcome.failed ? 'failed' : 'succeeded';
  const succeeded = new Set(task.subtasks.filter((s) => s.status === 'succeeded').map((s) => s.id));
  for (const s of task.subtasks) {
    const dependsOn = task.plan.subtasks.find((p) => p.id === s.id)?.depends_on ?? [];
    if (s.status === 'pending' && dependsOn.every((d) => succeeded.has(d))) s.status = 'ready';
  }
  if (succeeded.size === task.subtasks.length) task.status = 'succeeded';
  else if (outcome.failed && state.submissions >= MAX_SUBMISSIONS_PER_SUBTASK) task.status = 'failed';
  task.updated_at = nowIso();
}

/** A per-task queue so concurrent submissions to one task never interleave their read-modify-write. */
function createTaskLocks(): <T>(taskId: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (taskId, work) => {
    const previous = tails.get(taskId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    tails.set(taskId, tail);
    void tail.then(() => {
      if (tails.get(taskId) === tail) tails.delete(taskId);
    });
    return next;
  };
}

async function startTask(
  deps: DelegationDeps,
  request: PlanRequest,
  options: { signal?: AbortSignal },
): Promise<DelegationProgress & { plan: Plan }> {
  const plan = await deps.planner.plan(request, options);
  throwIfAborted(options.signal);
  const created = nowIso();
  const task: DelegatedTask = {
    task_id: `dlg-${randomUUID()}`,
    created_at: created,
    updated_at: created,
    status: 'running',
    request: deps.screenedText(request),
    workspace: await deps.createRunRoot(),
    plan,
    subtasks: plan.subtasks.map((s) => ({
      id: s.id,
      status: s.depends_on.length === 0 ? 'ready' : 'pending',
      submissions: 0,
      artifacts: [],
    })),
  };
  await deps.store.put(task, options);
  return { ...toProgress(deps, task), plan };
}

/** Creates the delegation service (see {@link Delegation}). */
export function createDelegation(deps: DelegationDeps): Delegation {
  const locked = createTaskLocks();
  return {
    start: (request, options = {}) => startTask(deps, request, options),
    submit(submission, options = {}) {
      return locked(submission.task_id, async () => {
        const task = await deps.store.get(submission.task_id, options);
        if (task === undefined) {
          throw new InvalidInputError(`No delegated task ${submission.task_id}.`, {
            hint: 'Use the task_id returned by orchestrate_task with mode "delegate".',
          });
        }
        const { plan: subtask, state } = findSubtask(task, submission.subtask_id);
        assertSubmittable(task, subtask, submission);
        const artifacts = (submission.artifacts ?? []).map((a) => ({ ...a }));
        const { written, reported } = await writeAndCheck(deps, task, subtask, artifacts, options.signal);
        const failed = reported.filter((r) => r.verdict.status === 'failed').map((r) => r.path);
        applySubmission(task, state, { summary: submission.summary, written, failed: failed.length > 0 });
        await deps.store.put(task, options);
        const progress = toProgress(deps, task);
        return {
          ...progress,
          subtask_id: subtask.id,
          accepted: failed.length === 0,
          subtask_status: state.status,
          submissions: state.submissions,
          checks: reported,
          message: toMessage(task, failed.length === 0, failed, state.submissions, progress.ready_subtasks.length),
        };
      });
    },
  };
}
