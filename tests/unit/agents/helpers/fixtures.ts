import type { AgentRunInput } from '../../../../src/contracts/agent.js';
import type { Artifact } from '../../../../src/contracts/artifact.js';
import type { AgentKind, RequestAnalysis, SubTask } from '../../../../src/contracts/plan.js';

/** The request text of the full-stack fixture. */
export const FULL_STACK_REQUEST =
  'Build a task tracker with projects: a React UI, an Express API with login (auth), Postgres, Docker, GitHub Actions CI and Kubernetes, listening on port 8080.';

/** A fresh full-stack analysis: 2 entities, auth, postgres, docker, GitHub Actions, Kubernetes. */
export function fullStackAnalysis(): RequestAnalysis {
  return {
    summary: 'Task tracker with projects.',
    entities: [
      {
        name: 'Task',
        fields: [
          { name: 'title', type: 'string' },
          { name: 'done', type: 'boolean' },
          { name: 'estimate', type: 'number' },
          { name: 'dueDate', type: 'date' },
        ],
      },
      {
        name: 'Project',
        fields: [
          { name: 'name', type: 'string' },
          { name: 'default', type: 'boolean' },
        ],
      },
    ],
    features: ['crud', 'auth', 'styling', 'ci', 'containers', 'kubernetes', 'tests'],
    stack: { frontend: 'react', backend: 'express', database: 'postgres', language: 'typescript' },
    deployment: { container: true, ci: 'github-actions', orchestration: 'kubernetes', cloud: null },
  };
}

/** A fresh minimal analysis: one entity, no auth, no database, no orchestration, no CI. */
export function minimalAnalysis(): RequestAnalysis {
  return {
    summary: 'A notes API.',
    entities: [{ name: 'Note', fields: [{ name: 'text', type: 'string' }] }],
    features: ['crud'],
    stack: { frontend: null, backend: null, database: null, language: 'typescript' },
    deployment: { container: true, ci: null, orchestration: null, cloud: null },
  };
}

/** A sub-task for `agent`; `id` defaults to a neutral id so the agent does all its work. */
export function subtask(agent: AgentKind, id = `${agent}-work`, title = `Do the ${agent} work`): SubTask {
  return {
    id,
    title,
    agent,
    description: `The ${agent} part of the request.`,
    depends_on: [],
    acceptance_criteria: [`${agent} artifacts are produced`],
  };
}

/** A run input for `agent` over `analysis` with the given inputs. */
export function runInput(
  agent: AgentKind,
  analysis: RequestAnalysis = fullStackAnalysis(),
  inputs: readonly Artifact[] = [],
  request = FULL_STACK_REQUEST,
): AgentRunInput {
  return { subtask: subtask(agent), request, analysis, inputs };
}
