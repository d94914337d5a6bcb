import type { Artifact } from '../../src/contracts/artifact.js';
import type { SubTask } from '../../src/contracts/plan.js';
import type { ContractCase } from './contract-cases.js';

/** Path of the test plan. */
export const TEST_PLAN_PATH = 'docs/test-plan.md';

/** What the test plan is written from. */
export interface TestPlanInput {
  subtask: SubTask;
  summary: string;
  /** Every artifact that will be checked: the inputs and the quality agent's own test files. */
  artifacts: readonly Artifact[];
  /** Operations of api/openapi.yaml, or undefined when no readable contract is among the inputs. */
  cases: readonly ContractCase[] | undefined;
  /** Test file per operation path prefix (`/tasks` → `tests/task.api.test.ts`). */
  testFiles: ReadonlyMap<string, string>;
  /** Check names the checker declares (`ArtifactChecker.checks`). */
  checkerChecks: readonly string[];
}

const CHECKS_BY_KIND: Readonly<Record<string, string>> = {
  openapi: 'parses as YAML; OpenAPI 3.1 structure (info, paths, components, responses)',
  source: 'TypeScript: compiled with every TS/TSX artifact as one strict program; ESLint',
  component: 'TSX: compiled with the API client and React types (react-jsx); ESLint',
  test: 'compiled against the modules it imports; ESLint; runnable with node --test after compiling',
  dockerfile: 'Dockerfile lint (tagged base image, non-root USER, HEALTHCHECK, EXPOSE)',
  'github-workflow': 'parses as YAML; workflow structure (on, jobs, runs-on, steps)',
  'gitlab-ci': 'parses as YAML; job structure (stage, script)',
  compose: 'parses as YAML; services, healthchecks, named volumes, no inline secrets',
  kubernetes: 'parses as YAML; apiVersion, kind, metadata; probes, resources, runAsNonRoot',
  config: 'reviewed by hand (plain text)',
  doc: 'reviewed by hand (Markdown)',
  'test-plan': 'reviewed by hand (Markdown)',
};

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function scopeSection(input: TestPlanInput): string[] {
  return [
    '## Scope',
    '',
    `${String(input.artifacts.length)} artifacts are in scope: the outputs of the sub-tasks this one depends on and the test files written with this plan.`,
    '',
    '| Artifact | Kind | Language | Planned checks |',
    '| --- | --- | --- | --- |',
    ...input.artifacts.map((a) => {
      const css =
        a.language === 'text' && a.path.endsWith('.css') ? 'reviewed by hand (CSS is not type-checked)' : undefined;
      return `| \`${cell(a.path)}\` | ${a.kind} | ${a.language} | ${cell(css ?? CHECKS_BY_KIND[a.kind] ?? 'reviewed by hand')} |`;
    }),
    '',
    `Checks the artifact checker can run: ${input.checkerChecks.length > 0 ? input.checkerChecks.map((c) => `\`${c}\``).join(', ') : 'none declared'}.`,
    'An artifact no check applies to is reported as unchecked, never as passed.',
  ];
}

function expectation(testCase: ContractCase): string {
  const errors = testCase.statuses.filter((status) => !status.startsWith('2'));
  const success = testCase.statuses.filter((status) => status.startsWith('2'));
  return `${success.join('/')} with ${testCase.success}${errors.length > 0 ? `; errors ${errors.join(', ')}` : ''}`;
}

function apiSection(input: TestPlanInput): string[] {
  if (input.cases === undefined)
    return [
      '## API test cases',
      '',
      'No readable API contract (api/openapi.yaml) is among the inputs, so no API cases are planned.',
    ];
  const automated = (path: string): string => {
    const prefix = `/${path.split('/')[1] ?? ''}`;
    const file = input.testFiles.get(prefix);
    return file === undefined ? 'manual' : `\`${file}\``;
  };
  return [
    '## API test cases',
    '',
    `From api/openapi.yaml: ${String(input.cases.length)} operations.`,
    '',
    '| Operation | Request | Expected | Automated in |',
    '| --- | --- | --- | --- |',
    ...input.cases.map(
      (c) =>
        `| ${cell(c.operationId)} | \`${c.method} ${cell(c.path)}\` | ${cell(expectation(c))} | ${automated(c.path)} |`,
    ),
    '',
    'Each automated file covers: create → get → list → delete round trip; partial update; 400 for a missing, mistyped or',
    'unknown field; paging with `limit`/`cursor` and 400 for a limit outside 1..100; 404 for an unknown id.',
  ];
}

function uiSection(input: TestPlanInput): string[] {
  const components = input.artifacts.filter((a) => a.kind === 'component' || /^src\/ui\/.+-view\.ts$/.test(a.path));
  if (components.length === 0) return ['## UI test cases', '', 'No UI components are among the inputs.'];
  const casesFor = (path: string): string => {
    if (/List\.tsx$/.test(path))
      return 'renders one row per item of the first page; Next page is disabled on the last page; an API failure shows the alert';
    if (/Form\.tsx$/.test(path))
      return 'creates without `initial`, updates with it; submit is disabled while saving; an API failure shows the alert';
    if (/-view\.ts$/.test(path))
      return 'renders a table row per item; the form posts the typed body and shows API errors';
    return 'renders its title and children with the layout classes of styles.css';
  };
  return [
    '## UI test cases',
    '',
    '| Component | Cases |',
    '| --- | --- |',
    ...components.map((c) => `| \`${cell(c.path)}\` | ${casesFor(c.path)} |`),
  ];
}

function acceptanceSection(input: TestPlanInput): string[] {
  return [
    '## Acceptance criteria',
    '',
    ...input.subtask.acceptance_criteria.map((criterion) => `- [ ] ${criterion}`),
    '- [ ] Every artifact in scope passes the checker with no error diagnostics.',
    ...(input.testFiles.size > 0 ? ['- [ ] The API test files pass with `node --test` after compiling.'] : []),
  ];
}

/** Renders `docs/test-plan.md`: scope, per-artifact checks, API cases from the contract, UI cases, acceptance criteria. */
export function renderTestPlan(input: TestPlanInput): Artifact {
  const lines = [
    '# Test plan',
    '',
    `Sub-task \`${input.subtask.id}\`: ${input.subtask.title}.`,
    ...(input.summary.trim() === '' ? [] : ['', `Request: ${input.summary.trim()}`]),
    '',
    ...scopeSection(input),
    '',
    ...apiSection(input),
    '',
    ...uiSection(input),
    '',
    ...acceptanceSection(input),
  ];
  return { path: TEST_PLAN_PATH, language: 'markdown', kind: 'test-plan', content: lines.join('\n') + '\n' };
}
