import type { SubTask } from '../../contracts/plan.js';
import { ROLE_PROMPTS } from '../agent-prompts.js';
import { MAX_SUBMISSIONS_PER_SUBTASK, type DelegatedTask, type ReadySubtask } from './types.js';

/** Longest request excerpt quoted in instructions, characters (the full text is the host's own message anyway). */
const REQUEST_MAX_CHARS = 4_000;

/** What each agent's files are checked with, so the host knows the bar before it writes. */
const CHECKS_BY_AGENT: Readonly<Record<SubTask['agent'], string>> = {
  frontend: 'TypeScript (strict) and ESLint for .ts/.tsx files, JSON/YAML parsers for data files',
  backend: 'TypeScript (strict) and ESLint, OpenAPI 3.1 structure for the contract, JSON/YAML parsers',
  devops:
    'Dockerfile rules (pinned base image, non-root USER), GitHub/GitLab workflow shape, compose and Kubernetes structure',
  quality: 'TypeScript and ESLint for tests; on submission every file of the task is checked again',
};

function dependencyFiles(task: DelegatedTask, subtask: SubTask): string[] {
  const produced = task.subtasks.filter((s) => subtask.depends_on.includes(s.id)).flatMap((s) => s.artifacts);
  return produced.map((a) => `- ${a.path} (${a.language}, ${a.kind}) at ${a.absolute_path}`);
}

/**
 * Instructions for the calling agent, who acts as `subtask.agent`: the role, the sub-task and its acceptance
 * criteria, the files its dependencies produced (to read, not rewrite), the submission format and the checks.
 */
export function toInstructions(task: DelegatedTask, subtask: SubTask): string {
  const deps = dependencyFiles(task, subtask);
  const request =
    task.request.length > REQUEST_MAX_CHARS ? `${task.request.slice(0, REQUEST_MAX_CHARS)} …` : task.request;
  return [
    `Act as the ${subtask.agent} agent of delegated task ${task.task_id}. ${ROLE_PROMPTS[subtask.agent]}`,
    `Sub-task "${subtask.id}": ${subtask.title}.`,
    subtask.description,
    `Acceptance criteria:\n${subtask.acceptance_criteria.map((c) => `- ${c}`).join('\n')}`,
    `The request (safety-screened): ${request}`,
    deps.length > 0
      ? `Files from the sub-tasks this one depends on (read them, keep their paths):\n${deps.join('\n')}`
      : 'No earlier files: this sub-task starts from scratch.',
    `When done, call submit_subtask_result with {"task_id": "${task.task_id}", "subtask_id": "${subtask.id}", "summary": "<what you wrote>", "artifacts": [{"path": "<relative POSIX path>", "language": "typescript|tsx|javascript|json|yaml|markdown|dockerfile|text", "kind": "source|component|test|openapi|dockerfile|github-workflow|...", "content": "<whole file>"}]}.`,
    `Every file is written under ${task.workspace} and checked: ${CHECKS_BY_AGENT[subtask.agent]}. A failed check comes back with its diagnostics; fix the files and submit again.`,
  ].join('\n');
}

/**
 * The sub-tasks whose dependencies all succeeded and that still need a passing submission (a failed one may be
 * resubmitted until it used {@link MAX_SUBMISSIONS_PER_SUBTASK}), in plan order.
 */
export function readySubtasks(task: DelegatedTask): ReadySubtask[] {
  const state = new Map(task.subtasks.map((s) => [s.id, s]));
  const succeeded = (id: string): boolean => state.get(id)?.status === 'succeeded';
  if (task.status !== 'running') return [];
  return task.plan.subtasks
    .filter((s) => !succeeded(s.id) && (state.get(s.id)?.submissions ?? 0) < MAX_SUBMISSIONS_PER_SUBTASK)
    .filter((s) => s.depends_on.every(succeeded))
    .map((s) => ({ id: s.id, agent: s.agent, title: s.title, instructions: toInstructions(task, s) }));
}
