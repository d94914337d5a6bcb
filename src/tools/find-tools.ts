import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { DownstreamTool } from '../contracts/downstream.js';
import { rankTools } from '../downstream/tool-search.js';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

/** Default and largest number of matches (keeps the result far below the 25k-token cap clients apply). */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 20;
/** Longest input schema returned in full, characters of JSON; larger ones are reduced to their property names. */
const MAX_SCHEMA_CHARS = 3_000;
const MAX_DESCRIPTION_CHARS = 300;

const FindToolsInputSchema = z.object({
  query: z
    .string()
    .max(500)
    .refine((s) => s.trim().length > 0, 'query is empty: describe the capability you need, e.g. "read file".')
    .describe('Words describing what you need, e.g. "read file", "create entities", "echo".'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .optional()
    .describe(`Most matches (1–${MAX_LIMIT}, default ${DEFAULT_LIMIT}).`),
});

const FindToolsOutputSchema = z.object({
  query: z.string(),
  searched_tools: z.number(),
  searched_servers: z.array(z.string()),
  unreachable_servers: z.array(z.object({ server: z.string(), state: z.string(), error: z.string().optional() })),
  matches: z.array(
    z.object({
      server: z.string(),
      tool: z.string(),
      title: z.string().optional(),
      description: z.string(),
      read_only: z.boolean(),
      score: z.number(),
      input_schema: z.record(z.string(), z.unknown()),
      schema_truncated: z.boolean(),
    }),
  ),
});

/**
 * `find_tools`: searches the tools of every downstream server the client may use (connecting them lazily) and
 * returns ranked matches with their input schemas, so a client can reach hundreds of downstream tools through
 * `call_tool` without them flooding its tool list.
 */
export function registerFindToolsTool(server: McpServer, deps: ToolDeps): void {
  defineTool(
    server,
    deps,
    {
      name: 'find_tools',
      title: 'Find Downstream Tools',
      description:
        'Searches the tools of the configured downstream MCP servers by words and returns the best matches with their servers and input schemas, ready for call_tool.',
      inputSchema: FindToolsInputSchema,
      outputSchema: FindToolsOutputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (args, call) => {
      const access = deps.downstream.access('client');
      const tools = await access.listTools({ signal: call.signal });
      const matches = rankTools(tools, args.query, args.limit ?? DEFAULT_LIMIT);
      const reached = new Set(tools.map((t) => t.server));
      const status = await deps.downstream.status({ processes: false });
      const unreachable = status
        .filter((s) => access.servers().includes(s.name) && !reached.has(s.name))
        .map((s) => ({ server: s.name, state: s.state, ...(s.lastError ? { error: s.lastError.slice(0, 300) } : {}) }));
      const structured: z.infer<typeof FindToolsOutputSchema> = {
        query: args.query,
        searched_tools: tools.length,
        searched_servers: [...reached],
        unreachable_servers: unreachable,
        matches: matches.map(({ tool, score }) => toMatch(tool, score)),
      };
      return { structured, text: toText(structured) };
    },
  );
}

function toMatch(tool: DownstreamTool, score: number): z.infer<typeof FindToolsOutputSchema>['matches'][number] {
  const json = JSON.stringify(tool.inputSchema);
  const truncated = json.length > MAX_SCHEMA_CHARS;
  return {
    server: tool.server,
    tool: tool.name,
    ...(tool.title !== undefined ? { title: tool.title } : {}),
    description: tool.description.slice(0, MAX_DESCRIPTION_CHARS),
    read_only: tool.readOnly,
    score,
    input_schema: truncated ? reduceSchema(tool.inputSchema) : { ...tool.inputSchema },
    schema_truncated: truncated,
  };
}

/** Keeps what a caller needs to build arguments: property names with their types, and `required`. */
function reduceSchema(schema: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, { type?: unknown; description?: unknown }>;
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(properties).map(([k, v]) => [k, typeof v?.type === 'string' ? { type: v.type } : {}]),
    ),
    ...(Array.isArray(schema.required) ? { required: schema.required } : {}),
  };
}

function toText(result: z.infer<typeof FindToolsOutputSchema>): string {
  const lines = [
    `${result.matches.length} match${result.matches.length === 1 ? '' : 'es'} for "${result.query}" among ${result.searched_tools} tools of ${result.searched_servers.length} servers:`,
  ];
  for (const m of result.matches) {
    lines.push(
      `- ${m.server} / ${m.tool} (score ${m.score}${m.read_only ? ', read-only' : ''}): ${m.description.split('\n')[0] ?? ''}`,
    );
  }
  for (const u of result.unreachable_servers)
    lines.push(`unreachable: ${u.server} (${u.state})${u.error ? ` — ${u.error}` : ''}`);
  if (result.matches.length > 0) lines.push('Call one with call_tool { server, tool, arguments }.');
  return lines.join('\n');
}
