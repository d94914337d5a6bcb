import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseConfig, type Config } from '../core/config.js';
import { ConfigError } from '../core/errors.js';
import type { CliArgs } from './parse-args.js';

/** Environment variable naming the config file when `--config` is not given (the flag wins). */
export const CONFIG_PATH_ENV = 'MULTI_ORCHESTRATOR_CONFIG';

/**
 * Reads the config file (`--config`, else the file named by {@link CONFIG_PATH_ENV}), overlays the command-line
 * flags and validates the result. Precedence: flags > file > defaults. A relative path in the variable is resolved
 * against `cwd`.
 *
 * @throws ConfigError naming the file and the problem (unreadable, not JSON, invalid fields).
 */
export async function loadConfig(
  cliArgs: CliArgs,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): Promise<Readonly<Config>> {
  const fromEnv = env[CONFIG_PATH_ENV]?.trim();
  const args: CliArgs =
    cliArgs.configPath === undefined && fromEnv ? { ...cliArgs, configPath: resolve(cwd, fromEnv) } : cliArgs;
  let fromFile: Record<string, unknown> = {};
  if (args.configPath) {
    let text: string;
    try {
      text = await readFile(args.configPath, 'utf8');
    } catch (error) {
      throw new ConfigError(`Cannot read config file ${args.configPath}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('top level must be an object');
      fromFile = parsed as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`Config file ${args.configPath} is not valid JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const section = (key: string): Record<string, unknown> => {
    const value = fromFile[key];
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  };
  try {
    return parseConfig({
      ...fromFile,
      transport: args.transport,
      ...(args.workspace ? { workspace: args.workspace } : {}),
      ...(args.logLevel ? { log_level: args.logLevel } : {}),
      http: {
        ...section('http'),
        ...(args.host ? { host: args.host } : {}),
        ...(args.port !== undefined ? { port: args.port } : {}),
      },
      store: {
        ...section('store'),
        ...(args.dataDir ? { data_dir: args.dataDir } : {}),
        ...(args.retentionDays !== undefined ? { retention_days: args.retentionDays } : {}),
      },
    });
  } catch (error) {
    if (error instanceof ConfigError && args.configPath) {
      throw new ConfigError(`${args.configPath}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
