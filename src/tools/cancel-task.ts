import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { TaskViewSchema } from '../contracts/task-view.js';
import { TaskIdSchema, toTaskText } from './task-schemas.js';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

const CancelTaskOutputSchema = TaskViewSchema.extend({
  cancel: z
    .enum(['cancelled', 'not_running'])
    .describe('cancelled: the run was stopped (or an interrupted task closed); not_running: it had already finished.'),
});

/**
 * `cancel_task`: aborts a running task's signal — its running sub-tasks and their in-flight downstream calls stop,
 * they are marked `cancelled`, the rest `skipped` — waits for that to be committed, and returns what finished.
 */
export function registerCancelTaskTool(server: McpServer, deps: ToolDeps): void {
  defineTool(
    server,
    deps,
    {
      name: 'cancel_task',
      title: 'Cancel Task',
      description:
        'Stops a running task (its sub-tasks and their downstream calls), marks them cancelled and returns the sub-tasks and artifacts that did finish.',
      inputSchema: z.object({ task_id: TaskIdSchema }),
      outputSchema: CancelTaskOutputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    async (args) => {
      const cancel = await deps.tasks.cancel(args.task_id);
      const view = await deps.tasks.view(args.task_id, { include: ['subtasks', 'artifacts'] });
      const note = cancel === 'cancelled' ? 'cancelled' : `not running (already ${view.status}); nothing to cancel`;
      return { structured: { ...view, cancel }, text: `${note}\n${toTaskText(view)}` };
    },
  );
}
