#!/usr/bin/env node
/**
 * The FLOOR server of the benchmark: the least an SDK v2 stdio server can do — one `McpServer` with a single
 * no-op tool named `ping` (empty zod input schema, one text block back), served with `serveStdio`. Our server's
 * figures are reported as a ratio to this one, so the SDK's own cost is not counted against us.
 * stdout carries JSON-RPC only: nothing here writes to it.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

const handle = serveStdio(() => {
  const server = new McpServer({ name: 'bench-floor', version: '1.0.0' });
  server.registerTool('ping', { description: 'No-op.', inputSchema: z.object({}) }, () => ({
    content: [{ type: 'text', text: 'ok' }],
  }));
  return server;
});

const stop = (): void => {
  void handle.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.once('end', stop);
