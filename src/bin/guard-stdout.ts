import { format } from 'node:util';
import type { Logger } from '../core/logger.js';

/**
 * In stdio mode stdout belongs to JSON-RPC. Our code never writes there, but a dependency might call
 * `console.log`/`info`/`debug` (or `warn`/`error`, which already go to stderr); this sends all of them to the
 * logger (stderr) instead, so one stray line from a library cannot corrupt the client's stream.
 */
export function guardStdout(logger: Logger): void {
  /* eslint-disable no-console -- this is the one place that replaces console methods, to keep stdout clean */
  const toLog =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]): void => {
      logger[level]({ source: 'console' }, format(...args));
    };
  console.log = toLog('info');
  console.info = toLog('info');
  console.debug = toLog('debug');
  console.warn = toLog('warn');
  console.error = toLog('error');
  /* eslint-enable no-console */
}
