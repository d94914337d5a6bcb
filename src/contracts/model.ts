import { z } from 'zod';

/**
 * Model access (issue #5): plain JSON types, no SDK types. A model is always optional: every caller checks
 * {@link ModelGateway.access} and falls back to the deterministic engines when it says `none` or a call fails.
 */

/** Where a model call goes: the calling MCP client (`sampling`), the configured provider, or nowhere. */
export const MODEL_ACCESS_MODES = ['sampling', 'provider', 'none'] as const;
export type ModelAccessMode = (typeof MODEL_ACCESS_MODES)[number];

/** One content block of a model message. `tool_use` ids pair with the `tool_result` that answers them. */
export type ModelContent =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; toolUseId: string; text: string; isError?: boolean };

/** A chat message. `tool_result` blocks go in `user` messages, `tool_use` blocks in `assistant` ones. */
export interface ModelMessage {
  role: 'user' | 'assistant';
  content: ModelContent[];
}

/** A tool the model may call; `inputSchema` is a JSON Schema object. `name` matches `^[a-zA-Z0-9_-]{1,64}$`. */
export interface ModelToolSpec {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** Who asked, for the ledger: `planner`, an agent kind, `fixer` or `architect`. */
export type ModelCaller = 'planner' | 'frontend' | 'backend' | 'devops' | 'quality' | 'fixer' | 'architect';

/** One model call. `maxTokens` caps the answer; the gateway lowers it to what the task's budget has left. */
export interface ModelRequest {
  caller: ModelCaller;
  system: string;
  messages: ModelMessage[];
  tools?: ModelToolSpec[];
  maxTokens: number;
  /** 0–1; absent: the model's default. */
  temperature?: number;
}

/**
 * Token counts of one call. `source: "reported"` when the provider returned usage; `"estimated"` (⌈characters/4⌉)
 * when it cannot (MCP sampling carries no usage). Estimates are labelled wherever they are shown.
 */
export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
  source: 'reported' | 'estimated';
}

/** A model's answer. `stopReason`: `end` (finished), `tool_use` (wants tools run), `max_tokens`, `other`. */
export interface ModelResponse {
  content: ModelContent[];
  stopReason: 'end' | 'tool_use' | 'max_tokens' | 'other';
  /** The model that answered, as its server named it. */
  model: string;
  via: Exclude<ModelAccessMode, 'none'>;
  usage: ModelUsage;
  /** Measured wall time of the call including retries, ms. */
  durationMs: number;
}

/** What the gateway would use for a call made now, and why (shown by `list_capabilities`). */
export interface ModelAccess {
  mode: ModelAccessMode;
  reason: string;
  /** `openai-compatible` | `anthropic` when `mode` is `provider`. */
  provider: string | null;
  /** The configured model name (`provider`), or null (sampling: the client picks). */
  model: string | null;
  /** Whether the model can be offered callable tools on this path. */
  tools: boolean;
}

/**
 * The model gateway. It picks per call: MCP sampling when the calling client advertised it, else the configured
 * provider, else none. It enforces the task's token budget, retries transient provider failures with backoff
 * inside the call's deadline, and records every call in the ledger.
 */
export interface ModelGateway {
  /**
   * The access a call made from the current context would get. Cheap; no I/O. `hint` carries the calling tool
   * call's reason for having no sampling when no model scope is active (the scope is entered only when a sampling
   * channel has to be carried).
   */
  access(hint?: { samplingAbsentReason?: string }): ModelAccess;
  /**
   * @throws ModelError (`model_unavailable`, `model_budget_exceeded`, `model_timeout`, `model_rate_limited`,
   *   `model_http_error`, `model_failed`) — callers fall back to their deterministic engine.
   * @throws CancelledError when `signal` aborts.
   */
  complete(request: ModelRequest, options?: { signal?: AbortSignal }): Promise<ModelResponse>;
  /** Records that a caller used its deterministic fallback after a model attempt (counted in the ledger). */
  recordFallback(caller: ModelCaller, reason: string): void;
}

/** A sampling request in plain JSON, converted to `sampling/createMessage` at the edge. */
export interface SamplingRequest {
  systemPrompt: string;
  messages: ModelMessage[];
  maxTokens: number;
  tools?: ModelToolSpec[];
  temperature?: number;
}

/** The client's sampling answer, converted from `CreateMessageResult` at the edge. */
export interface SamplingResult {
  model: string;
  stopReason?: string;
  content: ModelContent[];
}

/** The calling client's sampling, bound to one tool call (built by the tool-kit when the client advertised it). */
export interface SamplingChannel {
  /** The client advertised `sampling.tools`, so `tools` may be sent. */
  readonly supportsTools: boolean;
  /** @throws whatever the client answered (refusal, timeout); the gateway maps it to a ModelError. */
  createMessage(request: SamplingRequest, options: { signal: AbortSignal; timeoutMs: number }): Promise<SamplingResult>;
}

/** Token and cost figures for one task, one model or one caller. `cost_usd` is null without configured prices. */
export const UsageFiguresSchema = z.object({
  calls: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  tokens_in: z.number().int().nonnegative(),
  tokens_out: z.number().int().nonnegative(),
  /** Tokens that were estimated (sampling reports none) rather than reported by the provider. */
  estimated_tokens: z.number().int().nonnegative(),
  cost_usd: z.number().nonnegative().nullable(),
});
export type UsageFigures = z.infer<typeof UsageFiguresSchema>;

/** The model usage of one task, as shown in its report. */
export const TaskModelUsageSchema = UsageFiguresSchema.extend({
  task_id: z.string(),
  budget_tokens: z.number().int().positive(),
  fallbacks: z.number().int().nonnegative(),
  by_model: z.record(z.string(), UsageFiguresSchema),
  by_caller: z.record(z.string(), UsageFiguresSchema),
});
export type TaskModelUsage = z.infer<typeof TaskModelUsageSchema>;

/** How a model took part in an `auto_fix_code` result (absent when no model was asked). */
export const ModelAssistSchema = z.object({
  via: z.enum(['sampling', 'provider']),
  model: z.string(),
  /** Candidates the model proposed and the verifier ran, in order. */
  candidates: z.number().int().nonnegative(),
  /** 1-based index of the candidate returned as the verified fix, or null. */
  verified_candidate: z.number().int().positive().nullable(),
  /** The best candidate that did NOT verify, offered for review only; never the result's `fixed_code`. */
  unverified_candidate: z
    .object({ code: z.string(), errors: z.number().int().nonnegative(), diff: z.string() })
    .optional(),
  note: z.string(),
});
export type ModelAssist = z.infer<typeof ModelAssistSchema>;
