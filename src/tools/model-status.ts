import { z } from 'zod';
import { MODEL_ACCESS_MODES, UsageFiguresSchema, type ModelAccess, type TaskModelUsage } from '../contracts/model.js';
import type { ToolDeps } from './tool-deps.js';
import type { ToolCall } from './tool-kit.js';

/** `list_capabilities.model_access` and `get_system_status.model.access`: what this connection's calls would use. */
export const ModelAccessSchema = z.object({
  mode: z.enum(MODEL_ACCESS_MODES),
  reason: z.string(),
  provider: z.string().nullable().optional(),
  model: z.string().nullable().optional(),
  tools: z.boolean().optional(),
});

/** `get_system_status.model`: the access and the ledger since start. */
export const ModelStatusSchema = UsageFiguresSchema.extend({
  access: ModelAccessSchema,
  task_token_budget: z.number().int().positive().nullable(),
  retries: z.number().int().nonnegative(),
  fallbacks: z.number().int().nonnegative(),
  budget_refusals: z.number().int().nonnegative(),
  by_model: z.record(z.string(), UsageFiguresSchema),
  by_caller: z.record(z.string(), UsageFiguresSchema),
  tasks_tracked: z.number().int().nonnegative(),
});
export type ModelStatus = z.infer<typeof ModelStatusSchema>;

const NO_MODEL_LAYER: ModelAccess = {
  mode: 'none',
  reason: 'No model is wired: planning, agents, fixes and architecture run on the deterministic engines.',
  provider: null,
  model: null,
  tools: false,
};

/** The access a model call made by this tool call would get (the call's scope, or its sampling-absent reason). */
export function toModelAccess(deps: ToolDeps, call?: ToolCall): ModelAccess {
  const hint = call?.samplingAbsentReason ? { samplingAbsentReason: call.samplingAbsentReason } : undefined;
  return deps.model?.gateway.access(hint) ?? NO_MODEL_LAYER;
}

/** Measured ledger figures plus the access, for `get_system_status`. */
export function toModelStatus(deps: ToolDeps, call?: ToolCall): ModelStatus {
  const access = toModelAccess(deps, call);
  const ledger = deps.model?.ledger;
  if (ledger === undefined) {
    return {
      access,
      task_token_budget: null,
      calls: 0,
      failures: 0,
      tokens_in: 0,
      tokens_out: 0,
      estimated_tokens: 0,
      cost_usd: null,
      retries: 0,
      fallbacks: 0,
      budget_refusals: 0,
      by_model: {},
      by_caller: {},
      tasks_tracked: 0,
    };
  }
  return { access, task_token_budget: ledger.budgetTokens, ...ledger.snapshot() };
}

/** One line for the text block of `get_system_status`. */
export function toModelStatusLine(status: ModelStatus): string {
  const cost = status.cost_usd === null ? '' : `, $${status.cost_usd.toFixed(4)}`;
  const estimated = status.estimated_tokens > 0 ? ` (${status.estimated_tokens} estimated)` : '';
  return (
    `model: ${status.access.mode}; ${status.calls} calls, ${status.failures} failures, ${status.retries} retries, ` +
    `${status.fallbacks} fallbacks; tokens in ${status.tokens_in} / out ${status.tokens_out}${estimated}${cost}`
  );
}

/** The model usage of the task the current tool call is billed to, or undefined when no model was involved. */
export function currentTaskUsage(deps: ToolDeps): TaskModelUsage | undefined {
  const taskId = deps.model?.scope.current()?.taskId;
  return taskId === undefined ? undefined : deps.model?.ledger.task(taskId);
}
