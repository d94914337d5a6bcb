import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { TaskModelUsageSchema } from '../contracts/model.js';
import { TaskViewSchema } from '../contracts/task-view.js';
import { currentTaskUsage } from './model-status.js';
import { DelegateOutputFields, OrchestrateModeSchema, startDelegation } from './orchestrate-delegate.js';
import { waitForStartedTask } from './task-call.js';
import { DEFAULT_WAIT_MS, toTaskText, waitMsSchema } from './task-schemas.js';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

/** Longest accepted request, characters (issue #2). */
export const MAX_TASK_CHARS = 20_000;

const nonBlank = (field: string) =>
  z
    .string()
    .max(MAX_TASK_CHARS, `${field} is longer than ${MAX_TASK_CHARS} characters: shorten it or split the work.`)
    .refine((s) => s.trim().length > 0, `${field} is empty: describe the feature, fix or pipeline you want built.`);

const OrchestrateInputSchema = z.object({
  task: nonBlank('task').describe('What to build, in any language (1–20,000 characters).'),
  context: z.string().max(MAX_TASK_CHARS).optional().describe('Background: existing system, users, conventions.'),
  constraints: z.array(z.string().max(1_000)).max(50).optional().describe('Hard constraints, one per item.'),
  mode: OrchestrateModeSchema,
  wait_ms: waitMsSchema(DEFAULT_WAIT_MS),
});

/**
 * The task's view (issue #4: a finished run has the full result fields, a running one `task_id`, `status: running`
 * and `progress`) plus its model usage (issue #5, present only when a model was asked or fell back). In delegate
 * mode the run fields are absent and `task_id` and `ready_subtasks` are present, hence the partial shape.
 */
const OrchestrateOutputSchema = TaskViewSchema.partial().extend({
  model_usage: TaskModelUsageSchema.optional(),
  ...DelegateOutputFields,
});

/** `orchestrate_task`: plan → DAG → agents → checked artifacts, with progress per sub-task. */
export function registerOrchestrateTaskTool(server: McpServer, deps: ToolDeps): void {
  defineTool(
    server,
    deps,
    {
      name: 'orchestrate_task',
      title: 'Orchestrate Task',
      description:
        'Plans the request into a DAG of frontend/backend/devops/quality sub-tasks, runs the agents, writes and checks their artifacts, and returns the task_id with the plan, results, artifacts with check verdicts and a Mermaid graph, or its progress when it outlasts wait_ms (mode "delegate" returns the ready sub-tasks for you to write instead).',
      inputSchema: OrchestrateInputSchema,
      outputSchema: OrchestrateOutputSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (args, call) => {
      if (args.mode === 'delegate') {
        return startDelegation(
          deps,
          {
            task: args.task,
            ...(args.context ? { context: args.context } : {}),
            ...(args.constraints ? { constraints: args.constraints } : {}),
          },
          call,
        );
      }
      // A durable task (issue #4): the call waits up to wait_ms, relaying progress (a client cancelling the call
      // meanwhile cancels the task); past wait_ms the run goes on and get_task / cancel_task follow it.
      const taskId = await deps.tasks.start(
        {
          task: args.task,
          ...(args.context ? { context: args.context } : {}),
          ...(args.constraints ? { constraints: args.constraints } : {}),
        },
        { signal: call.signal },
      );
      const finished = await waitForStartedTask(deps, taskId, args.wait_ms, call);
      const result = await deps.tasks.view(taskId, { include: finished ? ['plan', 'subtasks', 'artifacts'] : [] });
      const usage = currentTaskUsage(deps);
      const text = toTaskText(result);
      if (usage === undefined) return { structured: result, text };
      const line = `model: ${usage.calls} calls, tokens in ${usage.tokens_in} / out ${usage.tokens_out}, ${usage.fallbacks} fallbacks`;
      return { structured: { ...result, model_usage: usage }, text: `${text}\n${line}` };
    },
  );
}
