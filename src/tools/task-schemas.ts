import { z } from 'zod';
import type { TaskView } from '../contracts/task-view.js';
import { TASK_ID_PATTERN } from '../orchestrator/task-errors.js';

/** Longest wait a call accepts, ms: under the ~60 s at which clients cut a call (PLATFORM.md). */
export const MAX_WAIT_MS = 50_000;
/** Default wait of `orchestrate_task` and `resume_task`, ms. */
export const DEFAULT_WAIT_MS = 25_000;

/** A task id as `orchestrate_task` returns it; a malformed one is refused with this message. */
export const TaskIdSchema = z
  .string()
  .regex(
    TASK_ID_PATTERN,
    'task_id must be the UUID orchestrate_task returned (e.g. 3f2c9a1e-8b4d-4f6a-9c2e-1d7b5a0e4c3f); list_tasks shows the stored tasks.',
  )
  .describe('The task id orchestrate_task returned.');

/** `wait_ms` with a default: how long the call waits for the task to finish before returning its progress. */
export const waitMsSchema = (defaultMs: number) =>
  z
    .number()
    .int()
    .min(0)
    .max(MAX_WAIT_MS)
    .default(defaultMs)
    .describe(
      `How long to wait for the task to finish, ms (0–${MAX_WAIT_MS}, default ${defaultMs}); past it the task goes on and its progress comes back.`,
    );

/** The text block of a task view: status line, sub-tasks, artifacts, and what to call next. */
export function toTaskText(view: TaskView): string {
  const { progress } = view;
  const lines = [
    `${view.status}: task ${view.task_id} — ${progress.completed}/${progress.total} sub-tasks (${progress.message})`,
  ];
  if (view.summary) lines.push(view.summary);
  lines.push(`workspace: ${view.workspace}`);
  if (view.running_elsewhere) {
    lines.push(
      `running in another server process (pid ${view.running_elsewhere.pid} on ${view.running_elsewhere.hostname})`,
    );
  }
  if (view.subtasks) {
    lines.push('sub-tasks:');
    for (const s of view.subtasks) {
      lines.push(
        `- ${s.id} (${s.agent}): ${s.status}, ${Math.round(s.duration_ms)} ms${s.error ? ` — ${s.error.message}` : ''}`,
      );
    }
  }
  if (view.artifacts) {
    lines.push(`artifacts (${view.artifacts.length} of ${view.artifacts_total ?? view.artifacts.length}):`);
    for (const a of view.artifacts) {
      const errors = a.verdict.diagnostics.filter((d) => d.severity === 'error').length;
      lines.push(`- ${a.path} (${a.size_bytes} B): ${a.verdict.status}${errors ? `, ${errors} errors` : ''}`);
    }
    if (view.next_artifact_cursor)
      lines.push(`more artifacts: get_task with artifact_cursor "${view.next_artifact_cursor}"`);
  }
  for (const r of view.plan?.rejected_instructions ?? []) lines.push(`rejected: "${r.text}" — ${r.reason}`);
  if (view.omitted)
    lines.push(`left out to stay under the size cap: ${view.omitted.join(', ')} (read ${view.resource_uri})`);
  if (view.status === 'running') {
    lines.push(
      `still running: call get_task with task_id ${view.task_id} (wait_ms up to ${MAX_WAIT_MS} waits for it); cancel_task stops it.`,
    );
  } else if (
    view.status === 'interrupted' ||
    view.status === 'cancelled' ||
    view.status === 'failed' ||
    view.status === 'partial'
  ) {
    lines.push(`resume_task with task_id ${view.task_id} re-runs the sub-tasks that did not succeed.`);
  }
  return lines.join('\n');
}
