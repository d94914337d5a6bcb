import type { RequestAnalysis, SubTask } from '../contracts/plan.js';

/** Which agent paths the plan contains; decided by the planner from the request's concepts. */
export interface PlanPaths {
  backend: boolean;
  frontend: boolean;
  devops: boolean;
  /** The frontend work is a styling fix only (no new UI). */
  stylingOnly: boolean;
  /** Nothing was recognised; the backend path is the default and its description says so. */
  fallback: boolean;
}

/** Stable sub-task ids, in plan order. */
export const SUBTASK_IDS = {
  apiContract: 'api-contract',
  apiImplementation: 'api-implementation',
  uiComponents: 'ui-components',
  uiStyling: 'ui-styling',
  containerize: 'containerize',
  kubernetes: 'kubernetes-manifests',
  ci: 'ci-pipeline',
  quality: 'quality-checks',
} as const;

/** `SubTask.description` bound of the plan contract, characters. */
const MAX_DESCRIPTION_CHARS = 4_000;

function clip(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

const FALLBACK_NOTE =
  'No UI, API, data or deployment concept was recognised in the request, so the default path was planned: ' +
  'a backend service for a generic entity, then quality checks. ';

const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  react: 'React',
  vue: 'Vue',
  angular: 'Angular',
  svelte: 'Svelte',
  next: 'Next.js',
  express: 'Express',
  fastify: 'Fastify',
  nest: 'NestJS',
  koa: 'Koa',
  hono: 'Hono',
  postgres: 'PostgreSQL',
  mysql: 'MySQL',
  mongodb: 'MongoDB',
  sqlite: 'SQLite',
  redis: 'Redis',
  typescript: 'TypeScript',
  javascript: 'JavaScript',
  aws: 'AWS',
  gcp: 'Google Cloud',
  azure: 'Azure',
  fly: 'Fly.io',
  vercel: 'Vercel',
};

/** `postgres` → `PostgreSQL`, for descriptions; unknown names pass through. */
function display(name: string): string {
  return DISPLAY_NAMES[name] ?? name;
}

function entityNames(analysis: RequestAnalysis): string {
  return analysis.entities.map((e) => e.name).join(', ') || 'the requested resources';
}

function fieldSummary(analysis: RequestAnalysis): string {
  return analysis.entities
    .map((e) => `${e.name} (${e.fields.map((f) => `${f.name}: ${f.type}`).join(', ')})`)
    .join('; ');
}

function backendSubtasks(analysis: RequestAnalysis, paths: PlanPaths): SubTask[] {
  const names = entityNames(analysis);
  const framework = analysis.stack.backend ? display(analysis.stack.backend) : 'a Node.js HTTP framework';
  const database = analysis.stack.database;
  const note = paths.fallback ? FALLBACK_NOTE : '';
  return [
    {
      id: SUBTASK_IDS.apiContract,
      title: 'API contract',
      agent: 'backend',
      description: `${note}Write the OpenAPI 3.1 contract for ${names}: schemas ${fieldSummary(analysis)}; list, create, read, update and delete operations with error responses.`,
      depends_on: [],
      acceptance_criteria: [
        'OpenAPI 3.1 document validates',
        `every entity (${names}) has a component schema listing the fields named in the request`,
        'every entity has list, create, read, update and delete operations with 4xx error responses',
      ],
    },
    {
      id: SUBTASK_IDS.apiImplementation,
      title: 'API implementation',
      agent: 'backend',
      description: `${note}Implement the contract's routes with ${framework} in ${display(analysis.stack.language)}${database ? `, storing data in ${display(database)} behind a repository interface` : ''}; validate request bodies against the entity fields.`,
      depends_on: [SUBTASK_IDS.apiContract],
      acceptance_criteria: [
        'every route handler type-checks under strict',
        'every operation in the OpenAPI contract has a route handler',
        'ESLint reports no errors',
        ...(database
          ? [`data access goes through a repository interface with a ${display(database)} implementation`]
          : []),
      ],
    },
  ];
}

function frontendSubtasks(analysis: RequestAnalysis, paths: PlanPaths): SubTask[] {
  if (paths.stylingOnly) {
    return [
      {
        id: SUBTASK_IDS.uiStyling,
        title: 'Styling fix',
        agent: 'frontend',
        description: `Apply the requested styling fix to the affected ${display(analysis.stack.frontend ?? 'react')} components, scoped to those components.`,
        depends_on: [],
        acceptance_criteria: [
          'every changed component type-checks as TSX under strict',
          'styles are scoped to the affected components (no global selectors)',
          'ESLint reports no errors',
        ],
      },
    ];
  }
  const names = entityNames(analysis);
  return [
    {
      id: SUBTASK_IDS.uiComponents,
      title: 'UI components',
      agent: 'frontend',
      description: `Build ${display(analysis.stack.frontend ?? 'react')} components for ${names}: a list view and a form per entity${paths.backend ? ', plus a typed API client for the operations of the API contract' : ''}.`,
      depends_on: paths.backend ? [SUBTASK_IDS.apiContract] : [],
      acceptance_criteria: [
        'every component type-checks as TSX under strict',
        `a list component and a form component exist for each entity (${names})`,
        ...(paths.backend ? ['the API client calls only operations defined in the OpenAPI contract'] : []),
        'every form input has an associated label',
      ],
    },
  ];
}

function codeIds(paths: PlanPaths): string[] {
  const ids: string[] = [];
  if (paths.backend) ids.push(SUBTASK_IDS.apiImplementation);
  if (paths.frontend) ids.push(paths.stylingOnly ? SUBTASK_IDS.uiStyling : SUBTASK_IDS.uiComponents);
  return ids;
}

function devopsSubtasks(analysis: RequestAnalysis, paths: PlanPaths): SubTask[] {
  const { deployment } = analysis;
  const code = codeIds(paths);
  const containerize = deployment.container || deployment.orchestration !== null || deployment.ci === null;
  const subtasks: SubTask[] = [];
  if (containerize) {
    subtasks.push({
      id: SUBTASK_IDS.containerize,
      title: 'Container images',
      agent: 'devops',
      description: `Write a multi-stage Dockerfile for each deployable part${deployment.orchestration === 'compose' ? ' and a docker compose file wiring them together' : ''}${deployment.cloud ? `, ready to run on ${display(deployment.cloud)}` : ''}.`,
      depends_on: code,
      acceptance_criteria: [
        'every Dockerfile parses and uses a pinned base image tag',
        'every image runs as a non-root user',
        ...(deployment.orchestration === 'compose'
          ? ['the compose file parses as YAML and defines a service per deployable part']
          : []),
      ],
    });
  }
  if (deployment.orchestration === 'kubernetes') {
    subtasks.push({
      id: SUBTASK_IDS.kubernetes,
      title: 'Kubernetes manifests',
      agent: 'devops',
      description: 'Write Kubernetes Deployment and Service manifests for the built images.',
      depends_on: [SUBTASK_IDS.containerize],
      acceptance_criteria: [
        'every manifest parses as YAML with apiVersion, kind and metadata.name',
        'every Deployment sets resource limits and a readiness probe',
      ],
    });
  }
  if (deployment.ci !== null) {
    const gitlab = deployment.ci === 'gitlab-ci';
    subtasks.push({
      id: SUBTASK_IDS.ci,
      title: 'CI pipeline',
      agent: 'devops',
      description: `Write a ${gitlab ? 'GitLab CI' : 'GitHub Actions'} pipeline that installs dependencies, type-checks, lints and runs the tests${containerize ? ', then builds the container image' : ''}.`,
      depends_on: [...code, ...(containerize ? [SUBTASK_IDS.containerize] : [])],
      acceptance_criteria: [
        gitlab
          ? '.gitlab-ci.yml parses and every job has a script'
          : 'the workflow YAML parses and every job has runs-on and steps',
        'the pipeline runs install, type-check, lint and test steps in that order',
      ],
    });
  }
  return subtasks;
}

function qualitySubtask(others: readonly SubTask[]): SubTask {
  return {
    id: SUBTASK_IDS.quality,
    title: 'Test plan and checks',
    agent: 'quality',
    description: `Write a test plan and tests for the work of ${others.map((s) => s.id).join(', ')}, then check every artifact with the real tools (TypeScript, ESLint, YAML/JSON parsers, structural rules).`,
    depends_on: others.map((s) => s.id),
    acceptance_criteria: [
      'every artifact gets a verdict from the checker',
      'every test file type-checks under strict',
      'the test plan lists at least one case per acceptance criterion of the other sub-tasks',
    ],
  };
}

/**
 * Builds the sub-tasks for the chosen paths with the forced orders: API contract before the UI that consumes it,
 * code before its deployment, quality last (depending on every other sub-task).
 */
export function buildSubtasks(analysis: RequestAnalysis, paths: PlanPaths): SubTask[] {
  const work = [
    ...(paths.backend ? backendSubtasks(analysis, paths) : []),
    ...(paths.frontend ? frontendSubtasks(analysis, paths) : []),
    ...(paths.devops ? devopsSubtasks(analysis, paths) : []),
  ];
  return [...work, qualitySubtask(work)].map((s) => ({
    ...s,
    description: clip(s.description, MAX_DESCRIPTION_CHARS),
  }));
}
