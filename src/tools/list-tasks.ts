import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { TaskStatusSchema } from '../contracts/task.js';
import { TaskListSchema } from '../contracts/task-view.js';
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from '../orchestrator/task-service.js';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

const ListTasksInputSchema = z.object({
  status: TaskStatusSchema.optional().describe('Only tasks with this status.'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIST_LIMIT)
    .default(DEFAULT_LIST_LIMIT)
    .describe(`Tasks per page (1–${MAX_LIST_LIMIT}, default ${DEFAULT_LIST_LIMIT}).`),
  cursor: z.string().max(2_000).optional().describe('next_cursor of the previous page.'),
});

/** `list_tasks`: stored tasks, newest first, a page at a time, optionally by status. */
export function registerListTasksTool(server: McpServer, deps: ToolDeps): void {
  defineTool(
    server,
    deps,
    {
      name: 'list_tasks',
      title: 'List Tasks',
      description:
        'Lists stored tasks newest first, a page at a time (optionally only one status), each with its id, status, title, times and progress.',
      inputSchema: ListTasksInputSchema,
      outputSchema: TaskListSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args) => {
      const list = await deps.tasks.list({
        limit: args.limit,
        ...(args.status ? { status: args.status } : {}),
        ...(args.cursor ? { cursor: args.cursor } : {}),
      });
      const lines = list.tasks.map(
        (t) => `- ${t.task_id} ${t.status} ${t.created_at} ${t.progress.completed}/${t.progress.total} "${t.title}"`,
      );
      const header = `${list.tasks.length} task${list.tasks.length === 1 ? '' : 's'}${args.status ? ` (${args.status})` : ''}`;
      const more = list.next_cursor ? [`more: list_tasks with cursor "${list.next_cursor}"`] : [];
      return { structured: list, text: [header, ...lines, ...more].join('\n') };
    },
  );
}
