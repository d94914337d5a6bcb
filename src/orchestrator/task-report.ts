import type { ArtifactMeta, SubtaskRecord, TaskRecord, TaskSubtaskStatus } from '../contracts/task.js';
import { toMermaid } from './dag.js';

/** Longest request excerpt quoted in a report, characters. */
const REPORT_REQUEST_MAX_CHARS = 2_000;

/** The task's DAG as a Mermaid `graph TD` with each sub-task's stored status as its class. */
export function toTaskMermaid(task: TaskRecord, subtasks: readonly SubtaskRecord[]): string {
  return toMermaid(task.plan, new Map<string, TaskSubtaskStatus>(subtasks.map((s) => [s.id, s.status])));
}

/** Escapes a value for one Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function quote(text: string): string {
  const clipped = text.length > REPORT_REQUEST_MAX_CHARS ? `${text.slice(0, REPORT_REQUEST_MAX_CHARS)}…` : text;
  return clipped
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}

function subtaskTable(subtasks: readonly SubtaskRecord[]): string[] {
  const rows = subtasks.map((s) => {
    const note = s.error ? `${s.error.code}: ${s.error.message}` : (s.summary ?? '');
    return `| ${s.index + 1} | \`${s.id}\` | ${s.agent} | ${s.status} | ${Math.round(s.duration_ms)} ms | ${s.attempt} | ${cell(note)} |`;
  });
  return ['| # | sub-task | agent | status | duration | attempt | summary |', '|---|---|---|---|---|---|---|', ...rows];
}

function artifactTable(artifacts: readonly ArtifactMeta[], total: number): string[] {
  if (artifacts.length === 0) return ['No artifacts recorded.'];
  const rows = artifacts.map((a) => {
    const errors = a.verdict.diagnostics.filter((d) => d.severity === 'error').length;
    const checks = a.verdict.checks.join(', ') || '—';
    return `| \`${cell(a.path)}\` | ${a.kind} | ${a.size_bytes} B | ${a.verdict.status}${errors ? ` (${errors} errors)` : ''} | ${cell(checks)} | \`${a.produced_by}\` |`;
  });
  const more = total > artifacts.length ? [``, `…and ${total - artifacts.length} more (see get_task, paged).`] : [];
  return ['| path | kind | size | verdict | checks | produced by |', '|---|---|---|---|---|---|', ...rows, ...more];
}

function instructionLines(
  title: string,
  items: ReadonlyArray<{ text: string; rule: string; reason: string }>,
): string[] {
  if (items.length === 0) return [];
  return ['', `## ${title}`, '', ...items.map((r) => `- "${cell(r.text)}" — ${r.reason} (rule \`${r.rule}\`)`)];
}

/**
 * The task as a Markdown document: status and times, the request quoted, the run summary, a sub-task table, an
 * artifact table with verdicts (the first `artifacts.length` of `artifactsTotal`), refused and warned instructions,
 * and the Mermaid graph. Built from stored records only.
 */
export function toTaskMarkdown(input: {
  task: TaskRecord;
  subtasks: readonly SubtaskRecord[];
  artifacts: readonly ArtifactMeta[];
  artifactsTotal: number;
}): string {
  const { task, subtasks } = input;
  const lines = [
    `# Task ${task.id}`,
    '',
    `- **Status:** ${task.status} (attempt ${task.attempts})`,
    `- **Created:** ${task.created_at}${task.finished_at ? ` · **finished:** ${task.finished_at}` : ''}`,
    ...(task.duration_ms !== null ? [`- **Last run:** ${Math.round(task.duration_ms)} ms`] : []),
    `- **Workspace:** \`${task.workspace}\``,
    `- **Progress:** ${task.progress.completed}/${task.progress.total} — ${task.progress.message}`,
    '',
    '## Request',
    '',
    quote(task.request.task),
    '',
    '## Summary',
    '',
    task.summary ?? 'The task has not finished yet.',
    '',
    '## Sub-tasks',
    '',
    ...subtaskTable(subtasks),
    '',
    `## Artifacts (${input.artifactsTotal})`,
    '',
    ...artifactTable(input.artifacts, input.artifactsTotal),
    ...instructionLines('Refused instructions', task.plan.rejected_instructions),
    ...instructionLines('Warnings', task.plan.warnings ?? []),
    '',
    '## Graph',
    '',
    '```mermaid',
    toTaskMermaid(task, subtasks),
    '```',
    '',
  ];
  return lines.join('\n');
}
