import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { TASK_INCLUDES, TaskViewSchema } from '../contracts/task-view.js';
import { MAX_ARTIFACT_LIMIT } from '../orchestrator/task-view.js';
import { TaskIdSchema, toTaskText, waitMsSchema } from './task-schemas.js';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

const GetTaskInputSchema = z.object({
  task_id: TaskIdSchema,
  include: z
    .array(z.enum(TASK_INCLUDES))
    .max(TASK_INCLUDES.length)
    .optional()
    .describe('Parts to include (default: all). report and artifacts come once the task is done.'),
  artifact_cursor: z.string().max(2_000).optional().describe('next_artifact_cursor of the previous page.'),
  artifact_limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_ARTIFACT_LIMIT)
    .optional()
    .describe('Artifacts per page (default 100).'),
  wait_ms: waitMsSchema(0),
});

/**
 * `get_task`: a task's status, plan, per-sub-task progress and, once done, its report and a page of artifacts
 * (inline content within a budget, the rest by path and `task://` URI). With `wait_ms` it waits for a task this
 * server runs to finish, relaying progress.
 */
export function registerGetTaskTool(server: McpServer, deps: ToolDeps): void {
  defineTool(
    server,
    deps,
    {
      name: 'get_task',
      title: 'Get Task',
      description:
        "Returns a task's status, plan and per-sub-task progress and, once done, its report and a page of checked artifacts; wait_ms waits for it to finish first.",
      inputSchema: GetTaskInputSchema,
      outputSchema: TaskViewSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args, call) => {
      if (args.wait_ms > 0) {
        await deps.tasks.wait(args.task_id, {
          timeoutMs: args.wait_ms,
          signal: call.signal,
          onProgress: call.progress,
        });
      }
      const view = await deps.tasks.view(args.task_id, {
        ...(args.include ? { include: args.include } : {}),
        ...(args.artifact_cursor !== undefined ? { artifactCursor: args.artifact_cursor } : {}),
        ...(args.artifact_limit !== undefined ? { artifactLimit: args.artifact_limit } : {}),
      });
      return { structured: view, text: toTaskText(view) };
    },
  );
}
