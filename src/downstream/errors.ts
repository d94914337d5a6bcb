import { OrchestratorError, type OrchestratorErrorOptions } from '../core/errors.js';

/** Codes of {@link DownstreamError}; stable, shown to the model in `isError` results. */
export type DownstreamErrorCode =
  | 'downstream_forbidden'
  | 'downstream_unavailable'
  | 'downstream_timeout'
  | 'downstream_failed'
  | 'downstream_spawn_failed'
  | 'downstream_breaker_open';

/**
 * A downstream server could not do what was asked. `transient` says whether another attempt (a retry, or another
 * member of the group) may succeed; `sent` whether the request reached the server before it failed (a request that
 * was sent is only repeated for read-only or idempotent tools).
 */
export class DownstreamError extends OrchestratorError {
  readonly server: string;
  readonly transient: boolean;
  readonly sent: boolean;

  constructor(
    code: DownstreamErrorCode,
    server: string,
    message: string,
    options: OrchestratorErrorOptions & { transient?: boolean; sent?: boolean } = {},
  ) {
    super(code, message, { ...options, data: { server, ...options.data } });
    this.server = server;
    this.transient = options.transient ?? false;
    this.sent = options.sent ?? false;
  }
}

/** True for a {@link DownstreamError} that another attempt may overcome. */
export function isTransientDownstreamError(error: unknown): error is DownstreamError {
  return error instanceof DownstreamError && error.transient;
}

/**
 * A stdio server's process could not be started. The message names the command, the PATH that was searched and
 * the cwd, the usual cause under GUI clients (`spawn npx ENOENT` with a minimal PATH).
 */
export function toSpawnError(
  server: string,
  command: string,
  path: string | undefined,
  cwd: string | undefined,
  cause: unknown,
): DownstreamError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
  const reason =
    code === 'ENOENT'
      ? `command "${command}" was not found (ENOENT)`
      : code === 'EACCES'
        ? `command "${command}" is not executable (EACCES)`
        : `spawning "${command}" failed (${code}: ${cause instanceof Error ? cause.message : String(cause)})`;
  return new DownstreamError(
    'downstream_spawn_failed',
    server,
    `Cannot start downstream server "${server}": ${reason}; PATH="${path ?? ''}"${cwd ? `, cwd="${cwd}"` : ''}.`,
    {
      cause,
      transient: true,
      data: { command, path: path ?? '', errno: code },
      hint: `Set "command" to an absolute path (e.g. the output of \`which ${command}\`), or add "PATH" to the entry's "env".`,
    },
  );
}

/** A `server` or `tool` name that does not exist (`unknown_server`, `unknown_tool`); the hint lists what does. */
export class UnknownDownstreamNameError extends OrchestratorError {
  constructor(code: 'unknown_server' | 'unknown_tool', message: string, options: OrchestratorErrorOptions = {}) {
    super(code, message, options);
  }
}

/** The error for a tool `server` does not list; the hint names (up to 30 of) the tools it does. */
export function toUnknownToolError(
  server: string,
  tools: ReadonlyArray<{ name: string }>,
  tool: string,
): UnknownDownstreamNameError {
  const list = tools.map((t) => t.name);
  return new UnknownDownstreamNameError('unknown_tool', `Server "${server}" has no tool "${tool}".`, {
    hint: list.length
      ? `Its tools: ${list.slice(0, 30).join(', ')}${list.length > 30 ? ', …' : ''}. Use find_tools to search.`
      : 'Use find_tools to search the tools of every server.',
  });
}
