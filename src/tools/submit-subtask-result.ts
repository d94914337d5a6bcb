import type { McpServer } from '@modelcontextprotocol/server';
import { OrchestratorError } from '../core/errors.js';
import { SubmissionResultSchema, SubmissionSchema, type SubmissionResult } from '../model/delegate/types.js';
import { toReadyText } from './orchestrate-delegate.js';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

const InputSchema = SubmissionSchema.extend({
  task_id: SubmissionSchema.shape.task_id.describe('The task_id orchestrate_task returned in delegate mode.'),
  subtask_id: SubmissionSchema.shape.subtask_id.describe('The id of a ready sub-task.'),
  summary: SubmissionSchema.shape.summary.describe('What you wrote, in one or two sentences.'),
  artifacts: SubmissionSchema.shape.artifacts.describe(
    'The files of this sub-task: relative POSIX path, language, kind and the whole content.',
  ),
});

function toText(r: SubmissionResult): string {
  const failed = r.checks.filter((c) => c.verdict.status === 'failed');
  const lines = [`${r.subtask_id}: ${r.message}`, `progress: ${r.completed}/${r.total} sub-tasks succeeded`];
  for (const f of failed) {
    lines.push(`- ${f.path} failed:`);
    for (const d of f.verdict.diagnostics.filter((x) => x.severity === 'error').slice(0, 5)) {
      lines.push(
        `  ${d.source}${d.code ? ` ${d.code}` : ''}${d.line ? ` line ${d.line}` : ''}: ${d.message.split('\n')[0] ?? ''}`,
      );
    }
  }
  if (r.ready_subtasks.length > 0) lines.push(toReadyText(r.task_id, r.ready_subtasks));
  return lines.join('\n');
}

/**
 * `submit_subtask_result` (issue #5, delegate mode): records the calling agent's result for one sub-task, writes its
 * files into the task's workspace, runs the checks on them (TypeScript, ESLint, parsers, structural rules; a quality
 * sub-task re-checks every file) and returns the verdicts and the next ready sub-tasks. A failed check is a normal
 * result with `accepted: false`, so the host can fix the files and submit again.
 */
export function registerSubmitSubtaskResultTool(server: McpServer, deps: ToolDeps): void {
  defineTool(
    server,
    deps,
    {
      name: 'submit_subtask_result',
      title: 'Submit Sub-task Result',
      description:
        'Records your files for one sub-task of a delegated orchestration, checks them and returns the verdicts and the next ready sub-tasks with instructions.',
      inputSchema: InputSchema,
      outputSchema: SubmissionResultSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (args, call) => {
      const delegation = deps.model?.delegation;
      if (delegation === undefined) {
        throw new OrchestratorError('delegation_unavailable', 'Delegate mode is not wired in this server.');
      }
      const result = await delegation.submit(args, { signal: call.signal });
      return { structured: result, text: toText(result) };
    },
  );
}
