import { z } from 'zod';
import type { PlanRequest } from '../contracts/plan.js';
import { OrchestratorError } from '../core/errors.js';
import { ReadySubtaskSchema, type ReadySubtask } from '../model/delegate/types.js';
import type { ToolCall } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

/** `orchestrate_task`'s `mode`: `run` (the agents here write the files) or `delegate` (the calling agent does). */
export const OrchestrateModeSchema = z
  .enum(['run', 'delegate'])
  .optional()
  .describe(
    "run (default): this server plans, runs its agents and checks the files. delegate: this server plans and checks; you write each sub-task's files and send them with submit_subtask_result.",
  );

/** Fields `orchestrate_task` returns in delegate mode (beside `plan`, `workspace`, `mermaid`, `summary`). */
export const DelegateOutputFields = {
  mode: z.enum(['run', 'delegate']).optional(),
  task_id: z.string().optional(),
  ready_subtasks: z.array(ReadySubtaskSchema).optional(),
};

/** A short text block listing what to do next. */
export function toReadyText(taskId: string, ready: readonly ReadySubtask[]): string {
  const lines = ready.map((r) => `- ${r.id} (${r.agent}): ${r.title}`);
  return [
    `delegated task ${taskId}: ${ready.length} sub-task(s) ready — write their files and call submit_subtask_result.`,
    ...lines,
  ].join('\n');
}

/**
 * Delegate mode of `orchestrate_task`: plans (safety rules included), records the task and returns the DAG with the
 * ready sub-tasks and instructions written for the calling agent.
 *
 * @throws OrchestratorError `delegation_unavailable` when the app was built without the model layer.
 */
export async function startDelegation(deps: ToolDeps, request: PlanRequest, call: ToolCall) {
  const delegation = deps.model?.delegation;
  if (delegation === undefined) {
    throw new OrchestratorError('delegation_unavailable', 'Delegate mode is not wired in this server.', {
      hint: 'Call orchestrate_task without mode (or mode "run").',
    });
  }
  const started = await delegation.start(request, { signal: call.signal });
  const structured = {
    mode: 'delegate' as const,
    task_id: started.task_id,
    summary: `Planned ${started.total} sub-task(s); ${started.ready_subtasks.length} ready for you to write. Submit each with submit_subtask_result; every file is checked here.`,
    workspace: started.workspace,
    plan: started.plan,
    mermaid: started.mermaid,
    ready_subtasks: started.ready_subtasks,
  };
  return { structured, text: toReadyText(started.task_id, started.ready_subtasks) };
}
