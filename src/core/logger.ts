import { pino, type Logger } from 'pino';

/** Log levels accepted by `--log-level`, pino's names. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type { Logger };

/** Keys whose values are replaced by `[redacted]` wherever they appear in a log line. */
const REDACT_PATHS = ['*.api_key', '*.apiKey', '*.token', '*.authorization', '*.headers.authorization', '*.env'];

/**
 * Creates the process logger. It writes JSON lines to **stderr** (fd 2) only: in stdio mode stdout carries
 * JSON-RPC and nothing else.
 *
 * @param level - minimum level to write.
 * @param destinationFd - file descriptor to write to; 2 (stderr) unless a test passes another.
 */
export function createLogger(level: LogLevel, destinationFd = 2): Logger {
  return pino(
    { name: 'multi-orchestrator-mcp', level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    pino.destination({ fd: destinationFd, sync: false }),
  );
}

/** A logger that drops everything; for tests and library use. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
