import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { OrchestrationResultSchema, type OrchestrationResult } from '../contracts/run.js';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

/** Longest accepted request, characters (issue #2). */
export const MAX_TASK_CHARS = 20_000;

const nonBlank = (field: string) =>
  z
    .string()
    .max(MAX_TASK_CHARS, `${field} is longer than ${MAX_TASK_CHARS} characters: shorten it or split the work.`)
    .refine((s) => s.trim().length > 0, `${field} is empty: describe the feature, fix or pipeline you want built.`);

const OrchestrateInputSchema = z.object({
  task: nonBlank('task').describe('What to build, in any language (1–20,000 characters).'),
  context: z.string().max(MAX_TASK_CHARS).optional().describe('Background: existing system, users, conventions.'),
  constraints: z.array(z.string().max(1_000)).max(50).optional().describe('Hard constraints, one per item.'),
});

/** `orchestrate_task`: plan → DAG → agents → checked artifacts, with progress per sub-task. */
export function registerOrchestrateTaskTool(server: McpServer, deps: ToolDeps): void {
  defineTool(
    server,
    deps,
    {
      name: 'orchestrate_task',
      title: 'Orchestrate Task',
      description:
        'Plans the request into a DAG of frontend/backend/devops/quality sub-tasks, runs the agents, writes and checks their artifacts, and returns the plan, results, artifacts with check verdicts and a Mermaid graph.',
      inputSchema: OrchestrateInputSchema,
      outputSchema: OrchestrationResultSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (args, call) => {
      const result = await deps.orchestrator.orchestrate(
        {
          task: args.task,
          ...(args.context ? { context: args.context } : {}),
          ...(args.constraints ? { constraints: args.constraints } : {}),
        },
        { signal: call.signal, onProgress: call.progress },
      );
      return { structured: result, text: toText(result) };
    },
  );
}

function toText(result: OrchestrationResult): string {
  const lines = [`${result.status}: ${result.summary}`, `workspace: ${result.workspace}`, 'sub-tasks:'];
  for (const s of result.subtasks) {
    lines.push(
      `- ${s.id} (${s.agent}): ${s.status}, ${Math.round(s.duration_ms)} ms${s.error ? ` — ${s.error.message}` : ''}`,
    );
  }
  lines.push('artifacts:');
  for (const a of result.artifacts) {
    const errors = a.verdict.diagnostics.filter((d) => d.severity === 'error').length;
    lines.push(`- ${a.path} (${a.size_bytes} B): ${a.verdict.status}${errors ? `, ${errors} errors` : ''}`);
  }
  for (const r of result.plan.rejected_instructions) lines.push(`rejected: "${r.text}" — ${r.reason}`);
  return lines.join('\n');
}
