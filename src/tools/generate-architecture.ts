import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { ArchitectureResultSchema } from '../contracts/architecture.js';
import { currentTaskUsage } from './model-status.js';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

/** Longest Markdown put in the text block, characters; the full document is always in `structuredContent.markdown`. */
const TEXT_MARKDOWN_MAX_CHARS = 12_000;

/** The result plus, when a model wrote it, the overview inserted in `markdown` (issue #5); decisions stay rule-based. */
const ArchitectureOutputSchema = ArchitectureResultSchema.extend({
  narrative: z.object({ text: z.string(), via: z.enum(['sampling', 'provider']), model: z.string() }).optional(),
  model_usage: z.object({ tokens_in: z.number(), tokens_out: z.number(), calls: z.number() }).optional(),
});

const lines = z.array(z.string().max(2_000)).max(100).optional();
const ArchitectureInputSchema = z.object({
  project_description: z
    .string()
    .max(20_000, 'project_description is longer than 20,000 characters: summarise it.')
    .refine((s) => s.trim().length > 0, 'project_description is empty: describe the system, its users and its load.'),
  tech_stack: lines.describe('Technologies to use or keep, one per item (e.g. "PostgreSQL").'),
  requirements: lines.describe(
    'Requirements, one per item: scale, latency, compliance (HIPAA, PCI DSS, GDPR), team size...',
  ),
  constraints: lines.describe('Constraints, one per item: budget, deadlines, hosting.'),
});

/** `generate_architecture`: the rule engine's scored style choice, components, ADRs and diagrams. */
export function registerGenerateArchitectureTool(server: McpServer, deps: ToolDeps): void {
  defineTool(
    server,
    deps,
    {
      name: 'generate_architecture',
      title: 'Generate Architecture',
      description:
        'Reads scale, team, compliance and latency requirements, scores architecture styles and returns the chosen style with reasons, components, data stores, security, ADRs and Mermaid diagrams as JSON and Markdown.',
      inputSchema: ArchitectureInputSchema,
      outputSchema: ArchitectureOutputSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args, call) => {
      const generated = deps.architecture.generate(args);
      const refined = deps.model
        ? await deps.model.narrator.refine(generated, args, { signal: call.signal })
        : undefined;
      const usage = currentTaskUsage(deps);
      const result = {
        ...(refined?.result ?? generated),
        ...(refined?.narrative ? { narrative: refined.narrative } : {}),
        ...(usage && usage.calls > 0
          ? { model_usage: { tokens_in: usage.tokens_in, tokens_out: usage.tokens_out, calls: usage.calls } }
          : {}),
      };
      const md = result.markdown;
      const text =
        md.length <= TEXT_MARKDOWN_MAX_CHARS
          ? md
          : `${md.slice(0, TEXT_MARKDOWN_MAX_CHARS)}\n\n… (${md.length - TEXT_MARKDOWN_MAX_CHARS} more characters in structuredContent.markdown)`;
      return { structured: result, text };
    },
  );
}
