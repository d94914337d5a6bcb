import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LOG_LEVELS, type LogLevel } from '../core/logger.js';

/** Transports this build serves. */
export const TRANSPORTS = ['stdio', 'http'] as const;

/** What the command line asked for. Paths are absolute (resolved against `cwd`). */
export interface CliArgs {
  help: boolean;
  version: boolean;
  transport: (typeof TRANSPORTS)[number];
  configPath?: string;
  workspace?: string;
  logLevel?: LogLevel;
  host?: string;
  port?: number;
  dataDir?: string;
  retentionDays?: number;
}

/** A command-line mistake; the CLI prints `message` on one line and exits with code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export const USAGE = `Usage: multi-orchestrator-mcp [--transport stdio|http] [--host H] [--port P] [--config FILE]
                              [--workspace DIR] [--data-dir DIR] [--retention-days N] [--log-level LEVEL]

  --transport   stdio (default) or http (Streamable HTTP at /mcp, legacy SSE at /sse)
  --host        HTTP bind address (default 127.0.0.1)
  --port        HTTP port (default 3333)
  --data-dir    where tasks are stored (default: the user's data directory)
  --retention-days  days finished tasks are kept (default 30)
  --config      JSON config file (see README: Configuration); default: $MULTI_ORCHESTRATOR_CONFIG
  --workspace   directory artifacts are written under (default: a fresh temp directory per run)
  --log-level   ${LOG_LEVELS.join(' | ')} (default: info); logs go to stderr
  --help, --version`;

/**
 * Parses argv strictly: unknown flags, positionals and bad values raise {@link CliUsageError}.
 *
 * @param argv - arguments after the script (`process.argv.slice(2)`).
 * @param cwd - directory relative paths are resolved against.
 */
export function parseCliArgs(argv: readonly string[], cwd: string): CliArgs {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new CliUsageError(
      error instanceof Error ? (error.message.split('\n')[0] ?? 'invalid arguments') : 'invalid arguments',
    );
  }
  const transport = values.transport ?? 'stdio';
  if (!isOneOf(TRANSPORTS, transport)) {
    throw new CliUsageError(`--transport must be one of: ${TRANSPORTS.join(', ')} (got "${transport}")`);
  }
  const logLevel = values['log-level'];
  if (logLevel !== undefined && !isOneOf(LOG_LEVELS, logLevel)) {
    throw new CliUsageError(`--log-level must be one of: ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const port = parseInteger(values.port, '--port', 0, 65_535);
  const retentionDays = parseInteger(values['retention-days'], '--retention-days', 1, 3_650);
  for (const flag of ['config', 'workspace', 'data-dir', 'host'] as const) {
    if (values[flag] !== undefined && values[flag].trim() === '') throw new CliUsageError(`--${flag} needs a path`);
  }
  return {
    help: values.help ?? false,
    version: values.version ?? false,
    transport,
    ...(values.config ? { configPath: resolve(cwd, values.config) } : {}),
    ...(values.workspace ? { workspace: resolve(cwd, values.workspace) } : {}),
    ...(logLevel ? { logLevel } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(values['data-dir'] ? { dataDir: resolve(cwd, values['data-dir']) } : {}),
    ...(retentionDays !== undefined ? { retentionDays } : {}),
  };
}

function parseInteger(raw: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new CliUsageError(`${flag} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      transport: { type: 'string' },
      config: { type: 'string' },
      workspace: { type: 'string' },
      'log-level': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'retention-days': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
