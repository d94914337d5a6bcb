import { z } from 'zod';

/** Providers the gateway can call directly (issue #5). */
export const MODEL_PROVIDERS = ['openai-compatible', 'anthropic'] as const;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

/** Base URL used when `base_url` is absent, per provider. */
export const DEFAULT_MODEL_BASE_URLS: Readonly<Record<ModelProvider, string>> = {
  'openai-compatible': 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
};
/** Default deadline of one model call including its retries, ms (below the ~45 s clients tolerate per call). */
export const DEFAULT_MODEL_TIMEOUT_MS = 20_000;
/** Default retries of a provider call after a timeout, 429 or 5xx. */
export const DEFAULT_MODEL_MAX_RETRIES = 2;
/** Default token budget of one task (one tool call, or one orchestration), input + output. */
export const DEFAULT_TASK_TOKEN_BUDGET = 100_000;

/** Price of a model in USD per million tokens. */
export const ModelPriceSchema = z
  .object({ input_per_mtok: z.number().nonnegative(), output_per_mtok: z.number().nonnegative() })
  .strict();
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

/**
 * The `model` section. Everything is optional: without `provider`, a model is used only when the calling client
 * lends one through MCP sampling, and without either the server runs on its deterministic engines alone.
 * The API key is never in the file: `api_key_env` names the environment variable it is read from at start.
 */
export const ModelConfigSchema = z
  .object({
    provider: z.enum(MODEL_PROVIDERS).optional(),
    /** Endpoint root: `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1` (Ollama), `https://api.anthropic.com`. */
    base_url: z.url({ protocol: /^https?$/ }).optional(),
    model: z.string().min(1).max(200).optional(),
    /** Name of the environment variable holding the key (e.g. `OPENAI_API_KEY`); local servers may need none. */
    api_key_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name')
      .optional(),
    /** Header carrying the key for `openai-compatible`: `authorization` (Bearer) or `api-key` (Azure OpenAI). */
    api_key_header: z.enum(['authorization', 'api-key']).default('authorization'),
    /** Use MCP sampling when the calling client advertises it (it is preferred over the provider). */
    use_sampling: z.boolean().default(true),
    /** Deadline of one model call including retries, ms. */
    timeout_ms: z.number().int().min(1_000).max(300_000).default(DEFAULT_MODEL_TIMEOUT_MS),
    max_retries: z.number().int().min(0).max(10).default(DEFAULT_MODEL_MAX_RETRIES),
    /** Token budget per task (input + output); calls that would exceed it are refused and callers fall back. */
    task_token_budget: z.number().int().min(1_000).max(100_000_000).default(DEFAULT_TASK_TOKEN_BUDGET),
    /** Longest answer requested per call, tokens. */
    max_output_tokens: z.number().int().min(256).max(64_000).default(4_096),
    /** Limits of one agent's model loop per sub-task. */
    agent_max_turns: z.number().int().min(1).max(20).default(6),
    agent_max_tokens: z.number().int().min(1_000).max(10_000_000).default(40_000),
    /**
     * Prices in USD per million tokens, keyed by the configured `model` (provider calls) or the model name a sampling
     * client reports; a model without a price has `cost_usd: null`.
     */
    prices: z.record(z.string().min(1), ModelPriceSchema).default({}),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.provider !== undefined && value.model === undefined) {
      ctx.addIssue({ code: 'custom', path: ['model'], message: `is required when provider is "${value.provider}"` });
    }
    if (value.provider === undefined && (value.base_url !== undefined || value.model !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['provider'], message: 'is required when base_url or model is set' });
    }
  });
export type ModelConfig = z.infer<typeof ModelConfigSchema>;
