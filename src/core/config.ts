import { z } from 'zod';
import { HttpConfigSchema } from './config-http.js';
import { ModelConfigSchema } from './config-model.js';
import { StoreConfigSchema } from './config-store.js';
import { ConfigError } from './errors.js';
import { LOG_LEVELS } from './logger.js';

/** Default cap on concurrently running sub-tasks of one orchestration (2-core machines gain nothing past 4). */
export const DEFAULT_MAX_CONCURRENT_SUBTASKS = 4;
/** Default timeout of one sub-task, ms; keeps a call under the ~45 s that clients tolerate (PLATFORM.md). */
export const DEFAULT_SUBTASK_TIMEOUT_MS = 30_000;
/** Default cap on an artifact's inline content in a tool result, bytes; larger ones are referenced by path. */
export const DEFAULT_INLINE_ARTIFACT_MAX_BYTES = 4_096;

/**
 * The server configuration: one schema with defaults. Keys are snake_case as in the config file.
 * `workspace` is the root every artifact is written under; undefined means "a fresh temp directory per run".
 */
export const ConfigSchema = z
  .object({
    transport: z.enum(['stdio', 'http']).default('stdio'),
    /** Downstream MCP servers in the Claude Desktop shape; each entry is validated on its own by the downstream layer. */
    mcpServers: z.record(z.string(), z.unknown()).default({}),
    http: HttpConfigSchema.prefault({}),
    store: StoreConfigSchema.prefault({}),
    /** Model access (issue #5): optional provider, sampling preference, budgets and prices. */
    model: ModelConfigSchema.prefault({}),
    workspace: z.string().min(1).optional(),
    log_level: z.enum(LOG_LEVELS).default('info'),
    orchestrator: z
      .object({
        max_concurrent_subtasks: z.number().int().min(1).max(32).default(DEFAULT_MAX_CONCURRENT_SUBTASKS),
        subtask_timeout_ms: z.number().int().min(100).max(600_000).default(DEFAULT_SUBTASK_TIMEOUT_MS),
        inline_artifact_max_bytes: z.number().int().min(0).max(65_536).default(DEFAULT_INLINE_ARTIFACT_MAX_BYTES),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

/**
 * Validates a raw configuration object (already merged from file, env and argv) and freezes it.
 * Pure: reads no files and no environment.
 *
 * @throws ConfigError naming every offending field, e.g. `orchestrator.max_concurrent_subtasks: Too big`.
 */
export function parseConfig(raw: unknown): Readonly<Config> {
  const result = ConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const details = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${details.join('; ')}`, { data: { issues: details } });
  }
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
