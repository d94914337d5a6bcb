import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { AGENT_KINDS } from '../contracts/plan.js';
import { composeSignals } from '../core/signals.js';
import { ModelAccessSchema, toModelAccess } from './model-status.js';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

/** Longest wait for downstream servers to connect before they are listed by state, ms. */
const DISCOVERY_TIMEOUT_MS = 10_000;

const CapabilitiesSchema = z.object({
  server: z.object({ name: z.string(), version: z.string() }),
  tools: z.array(z.object({ name: z.string(), title: z.string(), description: z.string(), read_only: z.boolean() })),
  agents: z.array(
    z.object({ kind: z.enum(AGENT_KINDS), skills: z.array(z.object({ id: z.string(), description: z.string() })) }),
  ),
  downstream_servers: z.array(
    z.object({
      name: z.string(),
      state: z.string(),
      transport: z.string(),
      group: z.string().optional(),
      agents: z.array(z.string()),
      tools: z.array(z.string()),
      error: z.string().optional(),
    }),
  ),
  model_access: ModelAccessSchema,
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
    async (_args, call) => {
      // Connects configured servers not yet connected (lazily, once) so their tools can be listed; a server that
      // has not answered within DISCOVERY_TIMEOUT_MS is listed with its state instead of holding the call.
      await deps.downstream.discover({ signal: composeSignals([call.signal], DISCOVERY_TIMEOUT_MS) });
      const downstream = (await deps.downstream.status({ processes: false })).map((s) => ({
        name: s.name,
        state: s.state,
        transport: s.transport,
        ...(s.group !== undefined ? { group: s.group } : {}),
        agents: [...s.agents],
        tools: [...s.tools],
        ...(s.lastError !== undefined && s.state !== 'connected' ? { error: s.lastError.slice(0, 500) } : {}),
      }));
      const structured: z.infer<typeof CapabilitiesSchema> = {
        server: { ...deps.identity },
        tools: deps.catalog.map((t) => ({ ...t })),
        agents: deps.agents.map((a) => ({ kind: a.kind, skills: a.skills.map((s) => ({ ...s })) })),
        downstream_servers: downstream,
        model_access: toModelAccess(deps, call),
        auto_fix_languages: [...deps.codeFixer.languages],
        artifact_checks: [...deps.checker.checks],
        architecture_styles: deps.architecture.styles.map((s) => ({ id: s.id, name: s.name })),
      };
      const text = [
        `${structured.tools.length} tools: ${structured.tools.map((t) => t.name).join(', ')}`,
        `agents: ${structured.agents.map((a) => `${a.kind} (${a.skills.length} skills)`).join(', ')}`,
        `auto_fix_code languages: ${structured.auto_fix_languages.join(', ')}`,
        `architecture styles: ${structured.architecture_styles.map((s) => s.id).join(', ')}`,
        `model access: ${structured.model_access.mode} (${structured.model_access.reason})`,
        `downstream servers: ${
          downstream.length === 0
            ? 'none configured'
            : downstream.map((d) => `${d.name} (${d.state}, ${d.tools.length} tools)`).join(', ')
        }`,
      ].join('\n');
      return { structured, text };
    },
  );
}
