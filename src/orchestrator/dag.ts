import type { Plan, SubTask } from '../contracts/plan.js';
import type { TaskSubtaskStatus } from '../contracts/task.js';
import { PlanValidationError } from '../core/errors.js';

/** The part of a plan the DAG functions read. */
export type PlanGraph = Pick<Plan, 'subtasks'>;

/** Statuses that get a Mermaid class, with their fill/stroke colours. */
const STATUS_CLASSES: ReadonlyArray<readonly [TaskSubtaskStatus, string]> = [
  ['succeeded', 'fill:#d1fae5,stroke:#059669,color:#064e3b'],
  ['failed', 'fill:#fee2e2,stroke:#dc2626,color:#7f1d1d'],
  ['cancelled', 'fill:#fef3c7,stroke:#d97706,color:#78350f'],
  ['skipped', 'fill:#e5e7eb,stroke:#6b7280,color:#374151,stroke-dasharray:4 2'],
  ['running', 'fill:#dbeafe,stroke:#2563eb,color:#1e3a8a'],
  ['interrupted', 'fill:#ede9fe,stroke:#7c3aed,color:#4c1d95,stroke-dasharray:2 2'],
];

function findDuplicates(subtasks: readonly SubTask[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { id } of subtasks) (seen.has(id) ? duplicates : seen).add(id);
  return [...duplicates];
}

/**
 * Kahn's algorithm with a stable tie-break: among ready sub-tasks, the one earlier in the plan goes first.
 * @returns the sorted sub-tasks and the ids left over (non-empty only when there is a cycle).
 */
function kahn(subtasks: readonly SubTask[]): { order: SubTask[]; remaining: string[] } {
  const indegree = new Map(subtasks.map((s) => [s.id, s.depends_on.length]));
  const dependents = new Map<string, string[]>(subtasks.map((s) => [s.id, []]));
  for (const s of subtasks) for (const dep of s.depends_on) dependents.get(dep)?.push(s.id);
  const position = new Map(subtasks.map((s, i) => [s.id, i]));
  const byId = new Map(subtasks.map((s) => [s.id, s]));
  const ready = subtasks.filter((s) => s.depends_on.length === 0).map((s) => s.id);
  const order: SubTask[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    const id = ready.shift() as string;
    order.push(byId.get(id) as SubTask);
    for (const next of dependents.get(id) ?? []) {
      const left = (indegree.get(next) ?? 0) - 1;
      indegree.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  const done = new Set(order.map((s) => s.id));
  return { order, remaining: subtasks.filter((s) => !done.has(s.id)).map((s) => s.id) };
}

/**
 * Checks the DAG invariants: ids unique, every dependency names a sub-task of the plan, no cycle (Kahn's algorithm;
 * a self-dependency is a cycle).
 *
 * @throws PlanValidationError with `data.duplicates`, `data.missing` (`[{ id, dependency }]`) or `data.cycle`
 *   (the ids on or behind a cycle, in plan order).
 */
export function validatePlan(plan: PlanGraph): void {
  const duplicates = findDuplicates(plan.subtasks);
  if (duplicates.length > 0) {
    throw new PlanValidationError(`Duplicate sub-task id(s): ${duplicates.join(', ')}.`, { duplicates });
  }
  const ids = new Set(plan.subtasks.map((s) => s.id));
  const missing = plan.subtasks.flatMap((s) =>
    s.depends_on.filter((d) => !ids.has(d)).map((dependency) => ({ id: s.id, dependency })),
  );
  if (missing.length > 0) {
    const text = missing.map((m) => `${m.id} → ${m.dependency}`).join(', ');
    throw new PlanValidationError(`Unknown dependency: ${text}.`, { missing });
  }
  const { remaining } = kahn(plan.subtasks);
  if (remaining.length > 0) {
    throw new PlanValidationError(`Dependency cycle among: ${remaining.join(', ')}.`, { cycle: remaining });
  }
}

/**
 * The sub-tasks in an order where every dependency comes first; ties keep plan order, so the result is deterministic.
 *
 * @throws PlanValidationError as {@link validatePlan}.
 */
export function topologicalOrder(plan: PlanGraph): SubTask[] {
  validatePlan(plan);
  return kahn(plan.subtasks).order;
}

/** Every sub-task `id` depends on, directly or transitively (not `id` itself). Assumes a validated plan. */
export function transitiveDependencies(plan: PlanGraph, id: string): Set<string> {
  const byId = new Map(plan.subtasks.map((s) => [s.id, s]));
  const found = new Set<string>();
  const stack = [...(byId.get(id)?.depends_on ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (found.has(next)) continue;
    found.add(next);
    stack.push(...(byId.get(next)?.depends_on ?? []));
  }
  return found;
}

/**
 * The Mermaid node id of a sub-task: the sub-task id itself when Mermaid's lexer accepts it (interior single dashes
 * are fine); otherwise (a `--` that reads as an edge, a trailing dash, the reserved word `end`) an underscore form.
 */
function toNodeId(id: string): string {
  const safe = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(id) && !/^end(?:-|$)/.test(id);
  return safe ? id : `n_${id.replace(/-/g, '_')}`;
}

function escapeLabel(text: string): string {
  return text
    .replace(/"/g, '#quot;')
    .replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'))
    .replace(/\r?\n/g, ' ');
}

/**
 * Renders the plan as a Mermaid `graph TD`: one node `id["title (agent)"]` per sub-task (see {@link toNodeId}), one edge `dep --> id` per
 * dependency, and, when `statuses` is given, `classDef` lines for succeeded/failed/cancelled/skipped/running/interrupted plus a
 * `class id status` line per sub-task with one of those statuses.
 */
export function toMermaid(plan: PlanGraph, statuses?: ReadonlyMap<string, TaskSubtaskStatus>): string {
  const lines = ['graph TD'];
  for (const s of plan.subtasks) lines.push(`  ${toNodeId(s.id)}["${escapeLabel(`${s.title} (${s.agent})`)}"]`);
  for (const s of plan.subtasks) for (const dep of s.depends_on) lines.push(`  ${toNodeId(dep)} --> ${toNodeId(s.id)}`);
  if (statuses) {
    for (const [status, style] of STATUS_CLASSES) lines.push(`  classDef ${status} ${style}`);
    for (const s of plan.subtasks) {
      const status = statuses.get(s.id);
      if (status !== undefined && STATUS_CLASSES.some(([name]) => name === status))
        lines.push(`  class ${toNodeId(s.id)} ${status}`);
    }
  }
  return lines.join('\n');
}
