import { describe, expect, it } from 'vitest';
import { createBackendAgent, createQualityAgent } from '../../../../agents/index.js';
import type { Artifact, CheckVerdict } from '../../../../src/contracts/artifact.js';
import { FakeChecker } from '../helpers/fake-checker.js';
import { fullStackAnalysis, minimalAnalysis, runInput } from '../helpers/fixtures.js';

const DOCKERFILE: Artifact = { path: 'Dockerfile', language: 'dockerfile', kind: 'dockerfile', content: 'FROM node\n' };
const FAILED: CheckVerdict = {
  status: 'failed',
  checks: ['dockerfile'],
  diagnostics: [
    {
      source: 'dockerfile',
      severity: 'error',
      message: 'Always tag the version of an image explicitly',
      code: 'DL3006',
      line: 1,
    },
  ],
};

async function backendInputs(): Promise<Artifact[]> {
  return (await createBackendAgent().run(runInput('backend'))).artifacts;
}

describe('quality agent', () => {
  it('writes the test plan and one node:test file per entity plus the auth tests', async () => {
    const output = await createQualityAgent({ checker: new FakeChecker() }).run(
      runInput('quality', fullStackAnalysis(), await backendInputs()),
    );
    expect(output.artifacts.map((a) => [a.path, a.kind, a.language])).toEqual([
      ['tests/task.api.test.ts', 'test', 'typescript'],
      ['tests/project.api.test.ts', 'test', 'typescript'],
      ['tests/auth.test.ts', 'test', 'typescript'],
      ['docs/test-plan.md', 'test-plan', 'markdown'],
    ]);
    const test = output.artifacts[0]?.content ?? '';
    expect(test).toContain("import { describe, it } from 'node:test';");
    expect(test).toContain("import assert from 'node:assert/strict';");
    expect(test).toContain("from '../src/api/handlers.js';");
    expect(test).not.toMatch(/vitest|jest/);
  });

  it('checks every input and its own files in one call and returns one check per artifact', async () => {
    const checker = new FakeChecker();
    const inputs = [...(await backendInputs()), DOCKERFILE];
    const output = await createQualityAgent({ checker }).run(runInput('quality', fullStackAnalysis(), inputs));
    expect(checker.calls).toHaveLength(1);
    const checkedPaths = checker.calls[0]?.map((a) => a.path) ?? [];
    const expectedPaths = [...inputs, ...output.artifacts].map((a) => a.path);
    expect(checkedPaths).toEqual(expectedPaths);
    expect(output.checks?.map((c) => c.path)).toEqual(expectedPaths);
    expect(output.summary).toContain(
      `checked ${String(expectedPaths.length)} artifacts: ${String(expectedPaths.length)} passed, 0 failed, 0 unchecked`,
    );
  });

  it('never reports passed for an artifact the checker did not check', async () => {
    const checker = new FakeChecker({
      omit: ['docs/test-plan.md'],
      verdicts: new Map<string, CheckVerdict>([
        ['Dockerfile', FAILED],
        ['src/api/types.ts', { status: 'passed', checks: [], diagnostics: [] }],
        [
          'src/main.ts',
          {
            status: 'passed',
            checks: ['fake'],
            diagnostics: [{ source: 'typescript', severity: 'error', message: 'boom' }],
          },
        ],
      ]),
    });
    const output = await createQualityAgent({ checker }).run(
      runInput('quality', fullStackAnalysis(), [...(await backendInputs()), DOCKERFILE]),
    );
    const status = new Map(output.checks?.map((check) => [check.path, check.verdict.status]));
    expect(status.get('docs/test-plan.md')).toBe('unchecked');
    expect(status.get('src/api/types.ts')).toBe('unchecked');
    expect(status.get('src/main.ts')).toBe('failed');
    expect(status.get('Dockerfile')).toBe('failed');
    expect(
      output.checks
        ?.filter((check) => check.verdict.status === 'passed')
        .every((check) => check.verdict.checks.length > 0),
    ).toBe(true);
    expect(output.summary).toContain('checked 11 artifacts: 7 passed, 2 failed (');
    expect(output.summary).toContain('Dockerfile:1: DL3006 Always tag the version of an image explicitly');
    expect(output.summary).toContain('2 unchecked (src/api/types.ts, docs/test-plan.md)');
  });

  it('checks a path produced twice once, with its latest content', async () => {
    const checker = new FakeChecker();
    const older = { ...DOCKERFILE, content: 'FROM node:20\n' };
    const output = await createQualityAgent({ checker }).run(
      runInput('quality', minimalAnalysis(), [older, DOCKERFILE]),
    );
    expect(output.checks?.filter((check) => check.path === 'Dockerfile')).toHaveLength(1);
    expect(checker.calls[0]?.find((a) => a.path === 'Dockerfile')?.content).toBe('FROM node\n');
  });

  it('writes no API tests without generated handlers, and says so', async () => {
    const output = await createQualityAgent({ checker: new FakeChecker() }).run(
      runInput('quality', fullStackAnalysis(), [DOCKERFILE]),
    );
    expect(output.artifacts.map((a) => a.path)).toEqual(['docs/test-plan.md']);
    expect(output.summary).toContain('no src/api/handlers.ts among the inputs, so no API tests were written');
    expect(output.artifacts[0]?.content).toContain('No readable API contract (api/openapi.yaml) is among the inputs');
  });

  it('derives API cases from the OpenAPI paths and lists the acceptance criteria of its sub-task', async () => {
    const input = runInput('quality', fullStackAnalysis(), await backendInputs());
    const output = await createQualityAgent({ checker: new FakeChecker() }).run(input);
    const plan = output.artifacts.find((a) => a.path === 'docs/test-plan.md')?.content ?? '';
    expect(plan).toContain('From api/openapi.yaml: 11 operations.');
    expect(plan).toContain(
      '| listTasks | `GET /tasks` | 200 with TaskPage; errors 400, 401, 500 | `tests/task.api.test.ts` |',
    );
    expect(plan).toContain(
      '| deleteProject | `DELETE /projects/{id}` | 204 with no content; errors 401, 404, 500 | `tests/project.api.test.ts` |',
    );
    for (const criterion of input.subtask.acceptance_criteria) expect(plan).toContain(`- [ ] ${criterion}`);
    expect(plan).toContain('Checks the artifact checker can run: `fake`.');
  });
});
