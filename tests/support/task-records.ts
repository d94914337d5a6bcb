// Builders of stored task records for store tests and the task-store benchmark. Real records, shaped like the
// ones the task runner writes; ids are real random UUIDs.
import { randomUUID } from 'node:crypto';
import type { Plan } from '../../src/contracts/plan.js';
import type { ArtifactMeta, SubtaskRecord, TaskChange, TaskRecord, TaskStatus } from '../../src/contracts/task.js';

/** A five-step plan (contract → implementation and UI → container → quality) with an empty analysis. */
export function samplePlan(): Plan {
  const step = (id: string, agent: 'frontend' | 'backend' | 'devops' | 'quality', depends_on: string[] = []) => ({
    id,
    title: `Step ${id}`,
    agent,
    description: `Produce the ${id} artifacts for the invoice feature.`,
    depends_on,
    acceptance_criteria: ['artifacts written and checked'],
  });
  return {
    subtasks: [
      step('api-contract', 'backend'),
      step('api-implementation', 'backend', ['api-contract']),
      step('ui-components', 'frontend', ['api-contract']),
      step('containerize', 'devops', ['api-implementation', 'ui-components']),
      step('quality-checks', 'quality', ['api-contract', 'api-implementation', 'ui-components', 'containerize']),
    ],
    rejected_instructions: [],
    analysis: {
      summary: 'invoice feature',
      entities: [],
      features: ['crud'],
      stack: { frontend: 'react', backend: 'express', database: null, language: 'typescript' },
      deployment: { container: true, ci: null, orchestration: null, cloud: null },
    },
  };
}

/** Options of {@link sampleTaskChange}. `createdMs` sets both created and updated time. */
export interface SampleTaskOptions {
  id?: string;
  status?: TaskStatus;
  createdMs?: number;
  workspace?: string;
  artifactCount?: number;
}

/** A whole task as one change: record, its five sub-tasks (all succeeded unless running), artifacts and an event. */
export function sampleTaskChange(options: SampleTaskOptions = {}): TaskChange {
  const id = options.id ?? randomUUID();
  const at = new Date(options.createdMs ?? Date.now()).toISOString();
  const status = options.status ?? 'succeeded';
  const plan = samplePlan();
  const workspace = options.workspace ?? `/tmp/moc-sample/${id}`;
  const task: TaskRecord = {
    id,
    status,
    request: { task: `Build the invoice feature number ${id.slice(0, 8)}` },
    plan,
    workspace,
    created_at: at,
    updated_at: at,
    finished_at: status === 'running' ? null : at,
    summary: status === 'running' ? null : 'Run succeeded: 5 sub-tasks (5 succeeded).',
    duration_ms: status === 'running' ? null : 12.5,
    attempts: 1,
    owner: null,
    progress: { completed: 5, total: 5, message: '5/5 quality: quality-checks succeeded' },
  };
  const subtasks: SubtaskRecord[] = plan.subtasks.map((s, index) => ({
    task_id: id,
    index,
    id: s.id,
    title: s.title,
    agent: s.agent,
    status: status === 'running' ? 'pending' : 'succeeded',
    duration_ms: 2.5,
    artifacts: [`${s.id}/out.ts`],
    checks: [],
    attempt: 1,
    started_at: at,
    finished_at: at,
  }));
  const artifacts: ArtifactMeta[] = Array.from({ length: options.artifactCount ?? 5 }, (_, i) => ({
    task_id: id,
    path: `src/file-${String(i).padStart(4, '0')}.ts`,
    absolute_path: `${workspace}/src/file-${String(i).padStart(4, '0')}.ts`,
    language: 'typescript',
    kind: 'source',
    size_bytes: 120,
    sha256: '0'.repeat(64),
    produced_by: plan.subtasks[i % plan.subtasks.length]?.id ?? 'api-contract',
    verdict: { status: 'passed', checks: ['typescript'], diagnostics: [] },
  }));
  return { task, subtasks, artifacts, events: [{ at, type: 'task:created', message: 'planned 5 sub-tasks' }] };
}
