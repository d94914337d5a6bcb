import { classifyDownstreamError } from './classify-error.js';
import { DownstreamError } from './errors.js';
import type { CreatedTransport } from './transports.js';

/** A server waiting to reconnect: transient, with the last error and its hint (e.g. the PATH advice of ENOENT). */
export function toBackoffError(
  server: string,
  waitMs: number,
  lastError: string | undefined,
  hint: string | undefined,
): DownstreamError {
  return new DownstreamError(
    'downstream_unavailable',
    server,
    `Server "${server}" is reconnecting (next attempt in ${waitMs} ms)${lastError ? `; last error: ${lastError}` : ''}`,
    { transient: true, data: { retry_in_ms: waitMs }, ...(hint ? { hint } : {}) },
  );
}

/**
 * A failed connect never sent the caller's request: transient, `sent: false`, saying how the process ended (exit
 * code, signal, last stderr lines) when it did. A spawn failure keeps its own error (command, PATH, cwd).
 */
export function toConnectError(
  server: string,
  error: unknown,
  created: CreatedTransport,
  connectTimeoutMs: number,
): DownstreamError {
  if (error instanceof DownstreamError && error.code === 'downstream_spawn_failed') return error;
  const exit = describeExit(created);
  const detail = exit
    ? `the process ${exit}`
    : classifyDownstreamError(server, error, undefined, connectTimeoutMs).message;
  return new DownstreamError('downstream_unavailable', server, `Server "${server}" could not be connected: ${detail}`, {
    cause: error,
    transient: true,
  });
}

/** The pool was closed while this server was in use. */
export function toShutDownError(server: string): DownstreamError {
  return new DownstreamError('downstream_unavailable', server, `Server "${server}" has been shut down.`);
}

/** `exited (code 3, signal none); stderr: last lines` for a stdio child that has exited, else undefined. */
export function describeExit(created: CreatedTransport): string | undefined {
  const exit = created.stdio?.exitInfo;
  if (!exit) return undefined;
  const stderr = created.stdio?.stderr.trim().split('\n').slice(-3).join(' | ');
  return `exited (code ${exit.code ?? 'none'}, signal ${exit.signal ?? 'none'})${stderr ? `; stderr: ${stderr}` : ''}`;
}
