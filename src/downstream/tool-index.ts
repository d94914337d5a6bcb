import type { Tool } from '@modelcontextprotocol/client';
import type { DownstreamTool } from '../contracts/downstream.js';

/** Converts a `tools/list` answer into our plain records, once per discovery (never per call). */
export function indexTools(
  server: string,
  tools: readonly Tool[],
): { tools: Map<string, DownstreamTool>; toolList: DownstreamTool[] } {
  const toolList = tools.map((tool): DownstreamTool => {
    const readOnly = tool.annotations?.readOnlyHint === true;
    return Object.freeze({
      server,
      name: tool.name,
      ...(tool.title !== undefined ? { title: tool.title } : {}),
      description: tool.description ?? '',
      inputSchema: tool.inputSchema,
      readOnly,
      idempotent: readOnly || tool.annotations?.idempotentHint === true,
    });
  });
  return { tools: new Map(toolList.map((t) => [t.name, t])), toolList };
}
