import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

const CallToolInputSchema = z.object({
  server: z.string().min(1).max(64).describe('The downstream server, as find_tools or list_capabilities names it.'),
  tool: z.string().min(1).max(128).describe('The tool on that server.'),
  arguments: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Arguments for the tool, matching the input schema find_tools returned.'),
});

const CallToolOutputSchema = z.object({
  server: z.string(),
  tool: z.string(),
  answered_by: z.string(),
  is_error: z.boolean(),
  cached: z.boolean(),
  coalesced: z.boolean(),
  attempts: z.number(),
  duration_ms: z.number(),
  structured_content: z.record(z.string(), z.unknown()).optional(),
});

const EMPTY_ARGS: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * `call_tool`: proxies one call to a downstream tool under the same rules agents get — the client's allow-list,
 * the server's timeout, retries of transient failures, circuit breaker, failover in its group, read-only caching —
 * and returns the downstream content blocks verbatim (with `isError` when the downstream tool failed). Cancelling
 * this call cancels the downstream request; downstream progress is forwarded.
 */
export function registerCallToolTool(server: McpServer, deps: ToolDeps): void {
  const access = deps.downstream.access('client');
  defineTool(
    server,
    deps,
    {
      name: 'call_tool',
      title: 'Call Downstream Tool',
      description:
        "Calls a tool of a configured downstream MCP server (find it with find_tools) and returns that tool's result as is, with timeouts, retries, failover and cancellation applied.",
      inputSchema: CallToolInputSchema,
      outputSchema: CallToolOutputSchema,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    async (args, call) => {
      const result = await access.callTool(args.server, args.tool, args.arguments ?? EMPTY_ARGS, {
        signal: call.signal,
        onProgress: call.forwardProgress,
      });
      return {
        structured: {
          server: args.server,
          tool: args.tool,
          answered_by: result.server,
          is_error: result.isError,
          cached: result.cached,
          coalesced: result.coalesced,
          attempts: result.attempts,
          duration_ms: Math.round(result.durationMs * 1_000) / 1_000,
          ...(result.structuredContent !== undefined ? { structured_content: result.structuredContent } : {}),
        },
        text: '',
        content: result.content as never,
        isError: result.isError,
      };
    },
  );
}
