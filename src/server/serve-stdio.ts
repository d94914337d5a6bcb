import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import type { Logger } from '../core/logger.js';
import type { App } from './create-app.js';
import { STDIO_MAX_MESSAGE_BYTES, StdioLineGuard } from './stdio-line-guard.js';

/** A running transport; `close()` stops accepting and closes connections. */
export interface TransportHandle {
  close(): Promise<void>;
}

/**
 * Serves the app over stdio: the SDK's `serveStdio` picks the era from the client's opening (2025 `initialize`
 * or a 2026-07-28 request) and pins one MCP server instance from `app.createMcpServer` for the connection.
 * `onClosed` runs when stdin ends (the client went away). stdin passes through a {@link StdioLineGuard}: a line
 * over {@link STDIO_MAX_MESSAGE_BYTES} is dropped and answered with a JSON-RPC error (`id: null`) instead of
 * closing the connection, as the SDK transport alone would.
 */
export function serveAppOverStdio(app: App, logger: Logger, onClosed: () => void): TransportHandle {
  const guard = new StdioLineGuard((bytes) => {
    logger.warn({ bytes, limit: STDIO_MAX_MESSAGE_BYTES }, 'stdio message too large: dropped');
    const refusal = {
      jsonrpc: '2.0',
      id: null,
      error: { code: -32_600, message: `Message of ${bytes} bytes dropped: the limit is ${STDIO_MAX_MESSAGE_BYTES}.` },
    };
    transport.send(refusal as unknown as JSONRPCMessage).catch(() => undefined);
  });
  const transport = new StdioServerTransport(process.stdin.pipe(guard), process.stdout);
  const handle = serveStdio(() => app.createMcpServer(), {
    transport,
    onerror: (error) => logger.warn({ err: error }, 'stdio transport error'),
  });
  process.stdin.once('end', onClosed);
  return handle;
}
