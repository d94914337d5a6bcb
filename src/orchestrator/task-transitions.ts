import type { SubtaskRecord, TaskChange, TaskOwner, TaskSnapshot } from '../contracts/task.js';
import { countSettled, toEvent, toPendingSubtask } from './task-records.js';

/**
 * A running task whose process stopped becomes `interrupted`: its running sub-tasks become `interrupted`, finished
 * ones stay as they are, pending ones stay pending (so `resume_task` re-runs exactly what did not finish).
 */
export function toInterruptedChange(current: TaskSnapshot, at: string): TaskChange {
  const stopped = current.subtasks.filter((s) => s.status === 'running');
  const subtasks = stopped.map((s): SubtaskRecord => ({
    ...s,
    status: 'interrupted',
    error: { code: 'interrupted', message: 'The server process stopped while this sub-task was running.' },
    finished_at: at,
  }));
  const done = countSettled(current.subtasks.map((s) => subtasks.find((x) => x.id === s.id) ?? s));
  const total = current.task.plan.subtasks.length;
  const message = `interrupted: the server process stopped with ${done} of ${total} sub-tasks finished; resume_task re-runs the rest`;
  return {
    task: {
      ...current.task,
      status: 'interrupted',
      owner: null,
      updated_at: at,
      progress: { completed: done, total, message },
    },
    subtasks,
    events: [toEvent(at, 'task:interrupted', message)],
  };
}

/** An interrupted task closed by `cancel_task`: what did not finish is `cancelled` (was running) or `skipped`. */
export function toCancelledChange(current: TaskSnapshot, at: string): TaskChange {
  const error = { code: 'cancelled', message: 'The task was cancelled before this sub-task finished.' };
  const subtasks = current.subtasks
    .filter((s) => s.status === 'running' || s.status === 'interrupted' || s.status === 'pending')
    .map((s): SubtaskRecord => ({
      ...s,
      status: s.status === 'pending' ? 'skipped' : 'cancelled',
      error,
      finished_at: at,
    }));
  const succeeded = current.subtasks.filter((s) => s.status === 'succeeded').length;
  const total = current.task.plan.subtasks.length;
  const summary = `Run cancelled: ${succeeded} of ${total} sub-tasks had succeeded; the rest were cancelled.`;
  return {
    task: {
      ...current.task,
      status: 'cancelled',
      owner: null,
      summary,
      finished_at: at,
      updated_at: at,
      progress: { completed: total, total, message: `cancelled: ${summary}` },
    },
    subtasks,
    events: [toEvent(at, 'task:cancelled', summary)],
  };
}

/**
 * Claims a task for a resume by `owner`: status `running`, one more attempt, and every sub-task not in `keep` reset
 * to `pending` for the new attempt (kept ones are untouched: their records and artifacts carry over).
 */
export function toResumeChange(
  current: TaskSnapshot,
  owner: TaskOwner,
  keep: ReadonlySet<string>,
  at: string,
): TaskChange {
  const { task } = current;
  const attempts = task.attempts + 1;
  const steps = task.plan.subtasks;
  const subtasks = current.subtasks
    .filter((s) => !keep.has(s.id))
    .flatMap((s) => {
      const step = steps[s.index];
      return step ? [toPendingSubtask(task.id, s.index, step, attempts)] : [];
    });
  const rerun = steps.length - keep.size;
  const message = `attempt ${attempts}: re-running ${rerun} of ${steps.length} sub-tasks (${keep.size} kept)`;
  return {
    task: {
      ...task,
      status: 'running',
      owner,
      attempts,
      summary: null,
      duration_ms: null,
      finished_at: null,
      updated_at: at,
      progress: { completed: keep.size, total: steps.length, message },
    },
    subtasks,
    events: [toEvent(at, 'task:resumed', message)],
  };
}
