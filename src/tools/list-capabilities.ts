import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { AGENT_KINDS } from '../contracts/plan.js';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

const CapabilitiesSchema = z.object({
  server: z.object({ name: z.string(), version: z.string() }),
  tools: z.array(z.object({ name: z.string(), title: z.string(), description: z.string(), read_only: z.boolean() })),
  agents: z.array(
    z.object({ kind: z.enum(AGENT_KINDS), skills: z.array(z.object({ id: z.string(), description: z.string() })) }),
  ),
  downstream_servers: z.array(z.object({ name: z.string(), state: z.string() })),
  model_access: z.object({ mode: z.enum(['none']), reason: z.string() }),
  auto_fix_languages: z.array(z.string()),
  artifact_checks: z.array(z.string()),
  architecture_styles: z.array(z.object({ id: z.string(), name: z.string() })),
});

/**
 * `list_capabilities`: everything is read from the live registries of this instance — the tools registered on
 * it, the agents the composition root built, the fixer's languages, the checker's checks and the architecture
 * engine's style catalogue. Nothing is listed that is not wired.
 */
export function registerListCapabilitiesTool(server: McpServer, deps: ToolDeps): void {
  defineTool(
    server,
    deps,
    {
      name: 'list_capabilities',
      title: 'List Capabilities',
      description:
        'Lists the tools, agents and their skills, downstream servers, model access, fixable languages and architecture styles this server has wired.',
      inputSchema: z.object({}),
      outputSchema: CapabilitiesSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    () => {
      const structured: z.infer<typeof CapabilitiesSchema> = {
        server: { ...deps.identity },
        tools: deps.catalog.map((t) => ({ ...t })),
        agents: deps.agents.map((a) => ({ kind: a.kind, skills: a.skills.map((s) => ({ ...s })) })),
        downstream_servers: [],
        model_access: {
          mode: 'none',
          reason: 'No model is wired: planning, agents, fixes and architecture run on the deterministic engines.',
        },
        auto_fix_languages: [...deps.codeFixer.languages],
        artifact_checks: [...deps.checker.checks],
        architecture_styles: deps.architecture.styles.map((s) => ({ id: s.id, name: s.name })),
      };
      const text = [
        `${structured.tools.length} tools: ${structured.tools.map((t) => t.name).join(', ')}`,
        `agents: ${structured.agents.map((a) => `${a.kind} (${a.skills.length} skills)`).join(', ')}`,
        `auto_fix_code languages: ${structured.auto_fix_languages.join(', ')}`,
        `architecture styles: ${structured.architecture_styles.map((s) => s.id).join(', ')}`,
        `model access: none; downstream servers: none configured`,
      ].join('\n');
      return Promise.resolve({ structured, text });
    },
  );
}
