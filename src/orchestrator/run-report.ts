import type { CheckVerdict } from '../contracts/artifact.js';
import type { Plan } from '../contracts/plan.js';
import type { ArtifactRecord, RunStatus, SubTaskResult, SubTaskStatus } from '../contracts/run.js';
import type { ExecutionResult } from './executor.js';

/** The verdict of an artifact no check covered: `unchecked`, never `passed`. */
export function uncheckedVerdict(): CheckVerdict {
  return { status: 'unchecked', checks: [], diagnostics: [] };
}

/**
 * The run status per the contract: `cancelled` when the run signal aborted; `succeeded` when every sub-task did;
 * `partial` when some did; otherwise `failed`.
 */
export function toRunStatus(subtasks: readonly SubTaskResult[], aborted: boolean): RunStatus {
  if (aborted) return 'cancelled';
  const succeeded = subtasks.filter((s) => s.status === 'succeeded').length;
  if (succeeded === subtasks.length && succeeded > 0) return 'succeeded';
  return succeeded > 0 ? 'partial' : 'failed';
}

/**
 * Turns executed artifacts into records: the verdict from the checks (by artifact path, then written path) or
 * {@link uncheckedVerdict}; `content` inline only when `size_bytes` ≤ `inlineMaxBytes`, else `truncated: true`.
 */
export function toArtifactRecords(execution: ExecutionResult, inlineMaxBytes: number): ArtifactRecord[] {
  return execution.artifacts.map(({ artifact, written, producedBy }) => {
    const verdict = execution.checks.get(artifact.path) ?? execution.checks.get(written.path) ?? uncheckedVerdict();
    const inline = written.sizeBytes <= inlineMaxBytes;
    return {
      path: written.path,
      absolute_path: written.absolutePath,
      language: artifact.language,
      kind: artifact.kind,
      size_bytes: written.sizeBytes,
      produced_by: producedBy,
      verdict: { status: verdict.status, checks: [...verdict.checks], diagnostics: [...verdict.diagnostics] },
      ...(inline ? { content: artifact.content } : {}),
      truncated: !inline,
    };
  });
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function countBy<T extends string>(values: readonly T[], order: readonly T[]): string {
  return order
    .map((key) => [key, values.filter((v) => v === key).length] as const)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${n} ${key}`)
    .join(', ');
}

const SUBTASK_ORDER: readonly SubTaskStatus[] = ['succeeded', 'failed', 'cancelled', 'skipped', 'pending', 'running'];
const VERDICT_ORDER: ReadonlyArray<CheckVerdict['status']> = ['passed', 'failed', 'unchecked'];

/** One or two sentences built only from counts: sub-tasks by status, artifacts by verdict, rejections. */
export function toRunSummary(input: {
  status: RunStatus;
  plan: Plan;
  subtasks: readonly SubTaskResult[];
  artifacts: readonly ArtifactRecord[];
  workspace: string;
}): string {
  const { status, plan, subtasks, artifacts, workspace } = input;
  const byStatus = countBy(
    subtasks.map((s) => s.status),
    SUBTASK_ORDER,
  );
  const verdicts = countBy(
    artifacts.map((a) => a.verdict.status),
    VERDICT_ORDER,
  );
  const parts = [
    `Run ${status}: ${plural(plan.subtasks.length, 'sub-task')} (${byStatus || 'none ran'})`,
    `${plural(artifacts.length, 'artifact')} written to ${workspace}${verdicts ? ` (${verdicts})` : ''}`,
  ];
  const rejected = plan.rejected_instructions;
  if (rejected.length > 0) {
    const rules = [...new Set(rejected.map((r) => r.rule))].join(', ');
    parts.push(`${plural(rejected.length, 'instruction')} rejected (${rules})`);
  }
  return `${parts.join('; ')}.`;
}
