import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

const PingOutputSchema = z.object({
  status: z.literal('ok'),
  name: z.string(),
  version: z.string(),
  uptime_ms: z.number().int().nonnegative(),
  time: z.string(),
  protocol_version: z.string().nullable(),
});

/** `ping`: liveness with identity, measured uptime and the protocol revision of this request. */
export function registerPingTool(server: McpServer, deps: ToolDeps): void {
  defineTool(
    server,
    deps,
    {
      name: 'ping',
      title: 'Ping',
      description: 'Checks that the server answers and returns its name, version, uptime and protocol version.',
      inputSchema: z.object({}),
      outputSchema: PingOutputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (_args, call) => {
      const structured = {
        status: 'ok' as const,
        name: deps.identity.name,
        version: deps.identity.version,
        uptime_ms: Math.round(process.uptime() * 1_000),
        time: new Date().toISOString(),
        protocol_version: call.protocolVersion ?? null,
      };
      return Promise.resolve({
        structured,
        text: `ok: ${structured.name} ${structured.version}, up ${structured.uptime_ms} ms`,
      });
    },
  );
}
