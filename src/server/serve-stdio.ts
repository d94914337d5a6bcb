import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Logger } from '../core/logger.js';
import type { App } from './create-app.js';

/** A running transport; `close()` stops accepting and closes connections. */
export interface TransportHandle {
  close(): Promise<void>;
}

/**
 * Serves the app over stdio: the SDK's `serveStdio` picks the era from the client's opening (2025 `initialize`
 * or a 2026-07-28 request) and pins one MCP server instance from `app.createMcpServer` for the connection.
 * `onClosed` runs when stdin ends (the client went away).
 */
export function serveAppOverStdio(app: App, logger: Logger, onClosed: () => void): TransportHandle {
  const handle = serveStdio(() => app.createMcpServer(), {
    onerror: (error) => logger.warn({ err: error }, 'stdio transport error'),
  });
  process.stdin.once('end', onClosed);
  return handle;
}
