import type { DownstreamAccess } from '../contracts/downstream.js';
import type { ModelContent, ModelToolSpec } from '../contracts/model.js';
import { CancelledError } from '../core/errors.js';

/** Most downstream tools offered to one agent's model. */
export const AGENT_TOOLS_MAX = 32;
/** Longest tool result quoted back to the model, characters. */
export const TOOL_RESULT_MAX_CHARS = 8_000;

/** The downstream tools one agent's model may call, under model-safe names. */
export interface AgentToolbox {
  specs: ModelToolSpec[];
  /** Runs the model's tool calls in order; every failure becomes an `isError` result the model reads. */
  run(
    uses: ReadonlyArray<Extract<ModelContent, { type: 'tool_use' }>>,
    options: { signal: AbortSignal },
  ): Promise<Array<Extract<ModelContent, { type: 'tool_result' }>>>;
}

/** `server__tool`, reduced to `[A-Za-z0-9_-]` and 64 characters (the limit providers enforce on tool names). */
export function toModelToolName(server: string, tool: string): string {
  return `${server}__${tool}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}

function toResultText(content: ReadonlyArray<Readonly<Record<string, unknown>>>, structured: unknown): string {
  const text = content
    .map((block) =>
      block.type === 'text' && typeof block.text === 'string' ? block.text : `[${String(block.type)} block]`,
    )
    .join('\n');
  const body = text || (structured === undefined ? '(no content)' : JSON.stringify(structured));
  return body.length > TOOL_RESULT_MAX_CHARS ? `${body.slice(0, TOOL_RESULT_MAX_CHARS)}\n… (truncated)` : body;
}

/**
 * Lists the downstream tools the agent's principal may use (the pool's allow-lists apply) and offers them to the
 * model. Listing failures leave the toolbox empty: tools help, they are never required.
 *
 * @throws CancelledError when `signal` aborts.
 */
export async function createAgentToolbox(
  access: DownstreamAccess | undefined,
  options: { signal: AbortSignal },
): Promise<AgentToolbox> {
  const empty: AgentToolbox = { specs: [], run: () => Promise.resolve([]) };
  if (access === undefined || access.servers().length === 0) return empty;
  let tools;
  try {
    tools = (await access.listTools({ signal: options.signal })).slice(0, AGENT_TOOLS_MAX);
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    return empty;
  }
  const byName = new Map(tools.map((t) => [toModelToolName(t.server, t.name), t]));
  return {
    specs: [...byName].map(([name, t]) => ({
      name,
      description: `${t.description} (tool "${t.name}" of MCP server "${t.server}")`.slice(0, 1_000),
      inputSchema: { ...t.inputSchema },
    })),
    async run(uses, { signal }) {
      const results: Array<Extract<ModelContent, { type: 'tool_result' }>> = [];
      for (const use of uses) {
        const tool = byName.get(use.name);
        if (tool === undefined) {
          results.push({ type: 'tool_result', toolUseId: use.id, text: `Unknown tool "${use.name}".`, isError: true });
          continue;
        }
        try {
          const out = await access.callTool(tool.server, tool.name, use.input, { signal });
          results.push({
            type: 'tool_result',
            toolUseId: use.id,
            text: toResultText(out.content, out.structuredContent),
            isError: out.isError,
          });
        } catch (error) {
          if (error instanceof CancelledError) throw error;
          results.push({
            type: 'tool_result',
            toolUseId: use.id,
            text: `The tool failed: ${(error as Error).message}`,
            isError: true,
          });
        }
      }
      return results;
    },
  };
}
