import type { Agent, AgentRunInput, AgentSkill, QualityAgentDeps } from '../../src/contracts/agent.js';
import type { Artifact } from '../../src/contracts/artifact.js';
import { throwIfAborted } from '../../src/core/signals.js';
import { resolveEntities } from '../shared/entities.js';
import { API_PATHS } from '../shared/paths.js';
import { countOf, findInput, runSteps, toNotesSentence, type Step } from '../shared/steps.js';
import { apiTestPath, canTestEntity, renderApiTest } from './api-tests.js';
import { canTestAuth, renderAuthTest } from './auth-tests.js';
import { checkArtifacts, summarizeChecks, uniqueByPath } from './checks.js';
import { readContractCases } from './contract-cases.js';
import { renderTestPlan } from './test-plan.js';

/** What the quality agent can do; listed by `list_capabilities`. */
export const QUALITY_SKILLS: readonly AgentSkill[] = [
  {
    id: 'test-plan',
    description:
      'Writes docs/test-plan.md: scope, planned checks per artifact, API cases from the OpenAPI contract, UI cases, acceptance criteria.',
  },
  {
    id: 'api-tests',
    description:
      'Writes node:test API tests per entity that exercise the generated handlers through the in-memory repository.',
  },
  {
    id: 'artifact-checks',
    description:
      'Checks every input artifact and its own tests with the artifact checker and reports one verdict per artifact.',
  },
];

interface TestFiles {
  artifacts: Artifact[];
  /** Collection path → test file, for the plan's "automated in" column. */
  byPath: Map<string, string>;
  notes: string[];
}

function toTestFiles(input: AgentRunInput): TestFiles {
  const handlers = findInput(input.inputs, API_PATHS.handlers);
  const auth = findInput(input.inputs, API_PATHS.auth);
  const notes: string[] = [];
  const artifacts: Artifact[] = [];
  const byPath = new Map<string, string>();
  if (handlers === undefined) {
    notes.push(`no ${API_PATHS.handlers} among the inputs, so no API tests were written`);
  } else {
    for (const entity of resolveEntities(input.analysis).entities) {
      if (!canTestEntity(handlers.content, entity)) {
        notes.push(`${API_PATHS.handlers} has no handlers for ${entity.name}, so it has no API tests`);
        continue;
      }
      artifacts.push(renderApiTest(entity));
      byPath.set(entity.collectionPath, apiTestPath(entity));
    }
  }
  if (auth !== undefined && canTestAuth(auth.content)) artifacts.push(renderAuthTest());
  return { artifacts, byPath, notes };
}

/**
 * Creates the quality agent: writes a test plan and node:test files for the generated API, then checks every
 * input artifact and its own files with `deps.checker` in one call. Each artifact gets exactly one check; a
 * verdict the checker did not give is `unchecked`, never `passed`.
 */
export function createQualityAgent(deps: QualityAgentDeps): Agent {
  return {
    kind: 'quality',
    skills: QUALITY_SKILLS,
    async run(input, options = {}) {
      const { signal } = options;
      const tests = toTestFiles(input);
      const openapi = findInput(input.inputs, API_PATHS.openapi);
      const steps: Step[] = [
        () => tests.artifacts,
        () => [
          renderTestPlan({
            subtask: input.subtask,
            summary: input.analysis.summary,
            artifacts: uniqueByPath([...input.inputs, ...tests.artifacts]),
            cases: openapi === undefined ? undefined : readContractCases(openapi.content),
            testFiles: tests.byPath,
            checkerChecks: deps.checker.checks,
          }),
        ],
      ];
      const own = await runSteps(steps, signal);
      const checks = await checkArtifacts(deps.checker, [...input.inputs, ...own], signal);
      throwIfAborted(signal);
      const written = `Wrote ${countOf(own.length, 'file')} (${own.map((artifact) => artifact.path).join(', ')})`;
      return {
        summary: `${written}; ${summarizeChecks(checks)}.${toNotesSentence(tests.notes)}`,
        artifacts: own,
        checks,
      };
    },
  };
}
