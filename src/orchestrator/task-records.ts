import { createHash } from 'node:crypto';
import type { ArtifactCheck } from '../contracts/agent.js';
import type { CheckVerdict } from '../contracts/artifact.js';
import type { Plan, PlanRequest } from '../contracts/plan.js';
import type { ArtifactRecord, SubTaskResult, WrittenOutput } from '../contracts/run.js';
import type {
  ArtifactMeta,
  SubtaskRecord,
  TaskEvent,
  TaskOwner,
  TaskRecord,
  TaskSubtaskStatus,
} from '../contracts/task.js';
import { uncheckedVerdict } from './run-report.js';

/** SHA-256 (hex) of a string's UTF-8 bytes: what the writer put on disk. */
export function sha256Of(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** A task event at `at`. */
export function toEvent(at: string, type: TaskEvent['type'], message: string, subtaskId?: string): TaskEvent {
  return { at, type, ...(subtaskId ? { subtask_id: subtaskId } : {}), message };
}

/** The records of a task just planned: status `running`, every sub-task `pending`. */
export function toInitialRecords(input: {
  id: string;
  request: PlanRequest;
  plan: Plan;
  workspace: string;
  owner: TaskOwner;
  at: string;
}): { task: TaskRecord; subtasks: SubtaskRecord[] } {
  const { id, plan, at } = input;
  const total = plan.subtasks.length;
  const task: TaskRecord = {
    id,
    status: 'running',
    request: {
      task: input.request.task,
      ...(input.request.context !== undefined ? { context: input.request.context } : {}),
      ...(input.request.constraints !== undefined ? { constraints: [...input.request.constraints] } : {}),
    },
    plan,
    workspace: input.workspace,
    created_at: at,
    updated_at: at,
    finished_at: null,
    summary: null,
    duration_ms: null,
    attempts: 1,
    owner: input.owner,
    progress: { completed: 0, total, message: `planned ${total} sub-task${total === 1 ? '' : 's'}` },
  };
  return { task, subtasks: plan.subtasks.map((s, index) => toPendingSubtask(id, index, s, 1)) };
}

/** A sub-task record that has not started in attempt `attempt`. */
export function toPendingSubtask(
  taskId: string,
  index: number,
  step: Plan['subtasks'][number],
  attempt: number,
): SubtaskRecord {
  return {
    task_id: taskId,
    index,
    id: step.id,
    title: step.title,
    agent: step.agent,
    status: 'pending',
    duration_ms: 0,
    artifacts: [],
    checks: [],
    attempt,
    started_at: null,
    finished_at: null,
  };
}

/**
 * The stored status of a finished sub-task. When the run was stopped by shutdown, a sub-task cancelled while running
 * is `interrupted` and one skipped because of the stop is `pending` again: the task can be resumed where it was.
 */
export function toStoredStatus(result: SubTaskResult, shutdown: boolean): TaskSubtaskStatus {
  if (!shutdown) return result.status;
  if (result.status === 'cancelled') return 'interrupted';
  if (result.status === 'skipped' && result.error?.code === 'cancelled') return 'pending';
  return result.status;
}

/** A sub-task record updated with its final result (see {@link toStoredStatus}). */
export function toFinishedSubtask(
  previous: SubtaskRecord,
  result: SubTaskResult,
  options: { checks?: readonly ArtifactCheck[]; shutdown: boolean; at: string },
): SubtaskRecord {
  const status = toStoredStatus(result, options.shutdown);
  const error =
    status === 'interrupted'
      ? { code: 'interrupted', message: 'The server stopped while this sub-task was running.' }
      : result.error;
  const rest: SubtaskRecord = { ...previous };
  delete rest.summary;
  delete rest.error;
  return {
    ...rest,
    status,
    duration_ms: result.duration_ms,
    ...(result.summary !== undefined ? { summary: result.summary } : {}),
    ...(error !== undefined && status !== 'pending' ? { error } : {}),
    artifacts: [...result.artifacts],
    checks: options.checks ? [...options.checks] : previous.checks,
    finished_at: status === 'pending' ? null : options.at,
  };
}

/** Artifact metadata for outputs just written (verdict `unchecked` until the run's checks are in). */
export function toOutputMetas(taskId: string, producedBy: string, outputs: readonly WrittenOutput[]): ArtifactMeta[] {
  return outputs.map(({ artifact, written }) => ({
    task_id: taskId,
    path: written.path,
    absolute_path: written.absolutePath,
    language: artifact.language,
    kind: artifact.kind,
    size_bytes: written.sizeBytes,
    sha256: sha256Of(artifact.content),
    produced_by: producedBy,
    verdict: uncheckedVerdict(),
  }));
}

/** Artifact metadata from a run's final records (their verdicts), with the content hashes recorded on the way. */
export function toFinalMetas(
  taskId: string,
  artifacts: readonly ArtifactRecord[],
  hashes: ReadonlyMap<string, string>,
): ArtifactMeta[] {
  return artifacts.map((a) => ({
    task_id: taskId,
    path: a.path,
    absolute_path: a.absolute_path,
    language: a.language,
    kind: a.kind,
    size_bytes: a.size_bytes,
    sha256: hashes.get(a.path) ?? '',
    produced_by: a.produced_by,
    verdict: copyVerdict(a.verdict),
  }));
}

function copyVerdict(verdict: CheckVerdict): CheckVerdict {
  return { status: verdict.status, checks: [...verdict.checks], diagnostics: [...verdict.diagnostics] };
}

/** Sub-tasks in a final state (anything but pending and running). */
export function countSettled(subtasks: Iterable<SubtaskRecord>): number {
  let settled = 0;
  for (const s of subtasks) if (s.status !== 'pending' && s.status !== 'running') settled += 1;
  return settled;
}

/** The result of a stored sub-task, as the executor reports it (for a resume's completed sub-tasks). */
export function toSubtaskResult(record: SubtaskRecord): SubTaskResult {
  return {
    id: record.id,
    agent: record.agent,
    status: record.status === 'interrupted' ? 'cancelled' : record.status,
    duration_ms: record.duration_ms,
    ...(record.summary !== undefined ? { summary: record.summary } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    artifacts: [...record.artifacts],
  };
}
