import type { Config } from '../core/config.js';

/**
 * Reads the model provider's API key from `env[config.model.api_key_env]` — the only place the key is read. It is
 * handed to the app and never logged, written or returned by any tool.
 *
 * @returns `{ apiKey }` when the variable is set and non-empty, else `{}` (local servers such as Ollama need none).
 */
export function readModelApiKey(config: Readonly<Config>, env: NodeJS.ProcessEnv = process.env): { apiKey?: string } {
  const name = config.model.api_key_env;
  const value = name === undefined ? undefined : env[name]?.trim();
  return value ? { apiKey: value } : {};
}
