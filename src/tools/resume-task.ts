import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { TaskViewSchema } from '../contracts/task-view.js';
import { waitForStartedTask } from './task-call.js';
import { DEFAULT_WAIT_MS, TaskIdSchema, toTaskText, waitMsSchema } from './task-schemas.js';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

/**
 * `resume_task`: re-runs only the sub-tasks of an interrupted, cancelled, failed or partial task that did not
 * succeed (and any whose artifacts changed on disk), in the same workspace; waits like `orchestrate_task`.
 */
export function registerResumeTaskTool(server: McpServer, deps: ToolDeps): void {
  defineTool(
    server,
    deps,
    {
      name: 'resume_task',
      title: 'Resume Task',
      description:
        'Re-runs only the sub-tasks of a task that did not finish successfully, keeping the others and their artifacts, and returns its result, or its progress when it outlasts wait_ms.',
      inputSchema: z.object({ task_id: TaskIdSchema, wait_ms: waitMsSchema(DEFAULT_WAIT_MS) }),
      outputSchema: TaskViewSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (args, call) => {
      const taskId = await deps.tasks.resume(args.task_id, { signal: call.signal });
      const finished = await waitForStartedTask(deps, taskId, args.wait_ms, call);
      const view = await deps.tasks.view(taskId, {
        include: finished ? ['plan', 'subtasks', 'artifacts'] : ['subtasks'],
      });
      return { structured: view, text: toTaskText(view) };
    },
  );
}
