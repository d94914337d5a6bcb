import { CancelledError } from '../core/errors.js';
import type { ToolCall } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

/**
 * Waits up to `waitMs` for a task this call started (or resumed), relaying its progress to the call. A client that
 * cancels the call while it waits cancels the task too (MCP: the receiver should stop the cancelled request's work;
 * its sub-tasks and their downstream calls get the abort). Once this returns, the task no longer depends on the call.
 * Shutdown is left to the app: its tasks become `interrupted`, not `cancelled`.
 *
 * @returns true when the task finished within the wait.
 * @throws CancelledError (with `data.task_id` and a resume hint) when the call was cancelled or the server stops.
 */
export async function waitForStartedTask(
  deps: ToolDeps,
  taskId: string,
  waitMs: number,
  call: ToolCall,
): Promise<boolean> {
  const onAbort = (): void => {
    if (!deps.shutdownSignal.aborted) {
      deps.tasks
        .cancel(taskId)
        .catch((error: unknown) =>
          deps.logger.warn({ task_id: taskId, err: error }, 'cancel after client cancellation failed'),
        );
    }
  };
  if (call.signal.aborted) onAbort();
  call.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const finished = await deps.tasks.wait(taskId, {
      timeoutMs: waitMs,
      signal: call.signal,
      onProgress: call.progress,
    });
    if (call.signal.aborted) throw toCallCancelled(taskId, deps.shutdownSignal.aborted);
    return finished;
  } finally {
    call.signal.removeEventListener('abort', onAbort);
  }
}

function toCallCancelled(taskId: string, shutdown: boolean): CancelledError {
  return new CancelledError(
    shutdown
      ? `The server is shutting down; task ${taskId} is interrupted.`
      : `The call was cancelled, and so was task ${taskId}.`,
    {
      data: { task_id: taskId, reason: shutdown ? 'shutdown' : 'aborted' },
      hint: `resume_task with task_id ${taskId} re-runs the sub-tasks that did not finish${shutdown ? ' once the server is back' : ''}.`,
    },
  );
}
