import { InvalidInputError, OrchestratorError } from '../core/errors.js';

/** A task id: a UUID as `orchestrate_task` returns it (any case; stored lower-case). */
export const TASK_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** No task with this id is stored (never created here, or pruned by retention). */
export class TaskNotFoundError extends OrchestratorError {
  constructor(taskId: string) {
    super('task_not_found', `No task with id ${taskId} is stored.`, {
      data: { task_id: taskId },
      hint: 'Use a task_id returned by orchestrate_task, or call list_tasks to see the stored tasks (finished tasks are pruned after the retention period).',
    });
  }
}

/** The task exists but is in a state that refuses the operation (resume of a succeeded task, one running elsewhere). */
export class TaskStateError extends OrchestratorError {
  constructor(message: string, options: { data?: Record<string, unknown>; hint: string }) {
    super('task_state', message, options);
  }
}

/** The task has no artifact at this path. */
export class ArtifactNotFoundError extends OrchestratorError {
  constructor(taskId: string, path: string) {
    super('artifact_not_found', `Task ${taskId} has no artifact "${path}".`, {
      data: { task_id: taskId, path },
      hint: 'Use an artifact path listed by get_task (include: ["artifacts"]).',
    });
  }
}

/**
 * Validates and normalises a task id.
 * @throws InvalidInputError naming the expected format.
 */
export function parseTaskId(taskId: string): string {
  if (typeof taskId !== 'string' || !TASK_ID_PATTERN.test(taskId.trim())) {
    throw new InvalidInputError(`"${String(taskId).slice(0, 80)}" is not a task id.`, {
      hint: 'A task id is the UUID orchestrate_task returned (e.g. 3f2c9a1e-8b4d-4f6a-9c2e-1d7b5a0e4c3f); list_tasks shows the stored ones.',
    });
  }
  return taskId.trim().toLowerCase();
}
