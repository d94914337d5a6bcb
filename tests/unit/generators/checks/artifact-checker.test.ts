import { describe, expect, it } from 'vitest';
import type { Artifact, ArtifactKind, ArtifactLanguage, CheckVerdict } from '../../../../src/contracts/artifact.js';
import { CheckVerdictSchema } from '../../../../src/contracts/artifact.js';
import { CancelledError, InvalidInputError } from '../../../../src/core/errors.js';
import { createArtifactChecker } from '../../../../generators/checks/index.js';

const art = (path: string, language: ArtifactLanguage, kind: ArtifactKind, content: string): Artifact => ({
  path,
  language,
  kind,
  content,
});

/** One checker for the whole file: the TypeScript and ESLint instances stay warm between tests. */
const checker = createArtifactChecker();

async function verdictOf(artifacts: Artifact[], path: string): Promise<CheckVerdict> {
  const verdicts = await checker.check(artifacts);
  const verdict = verdicts.get(path);
  if (!verdict) throw new Error(`no verdict for ${path}`);
  expect(CheckVerdictSchema.parse(verdict)).toEqual(verdict);
  return verdict;
}

const MATH_TS = `export interface Total {\n  value: number;\n}\n\nexport function sum(values: readonly number[]): Total {\n  return { value: values.reduce((a, b) => a + b, 0) };\n}\n`;
const COUNTER_TSX = `import { useState } from 'react';
import { readFileSync } from 'node:fs';
import { sum } from './math.js';

export function Counter({ start }: { start: number }) {
  const [count, setCount] = useState(start);
  const size = readFileSync.length;
  return <button onClick={() => setCount(sum([count, size]).value)}>{count}</button>;
}
`;

describe('createArtifactChecker — scripts', () => {
  it('passes a valid TS module and a TSX React component that imports it', async () => {
    const artifacts = [
      art('src/math.ts', 'typescript', 'source', MATH_TS),
      art('src/Counter.tsx', 'tsx', 'component', COUNTER_TSX),
    ];
    const verdicts = await checker.check(artifacts);
    for (const artifact of artifacts) {
      expect(verdicts.get(artifact.path)).toEqual({
        status: 'passed',
        checks: ['typescript', 'eslint'],
        diagnostics: [],
      });
    }
  });

  it('fails a type error with the TS code and its line and column', async () => {
    const verdict = await verdictOf(
      [art('src/bad.ts', 'typescript', 'source', 'export const ok = 1;\nexport const n: number = "text";\n')],
      'src/bad.ts',
    );
    expect(verdict.status).toBe('failed');
    expect(verdict.diagnostics).toContainEqual(
      expect.objectContaining({ source: 'typescript', severity: 'error', code: 'TS2322', line: 2, column: 14 }),
    );
  });

  it('resolves imports between artifacts of one call, and reports a wrong import of one', async () => {
    const lib = art(
      'src/lib/greet.ts',
      'typescript',
      'source',
      'export const greet = (name: string): string => `hi ${name}`;\n',
    );
    const good = art(
      'src/main.ts',
      'typescript',
      'source',
      "import { greet } from './lib/greet.js';\nexport const text: string = greet('a');\n",
    );
    const bad = art(
      'src/other.ts',
      'typescript',
      'source',
      "import { greet } from './lib/greet.js';\nexport const n: number = greet('a');\n",
    );
    const verdicts = await checker.check([lib, good, bad]);
    expect(verdicts.get('src/main.ts')?.status).toBe('passed');
    expect(verdicts.get('src/other.ts')?.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'TS2322', line: 2 }),
    );
  });

  it.each([
    ['a package that is not installed', "import { z } from 'zod';\nexport const s = z;\n"],
    ['a relative import of a file that is not an artifact', "import { x } from './missing.js';\nexport const y = x;\n"],
  ])('reports %s as a TS2307 error', async (_name, content) => {
    const verdict = await verdictOf([art('src/uses.ts', 'typescript', 'source', content)], 'src/uses.ts');
    expect(verdict.status).toBe('failed');
    expect(verdict.diagnostics).toContainEqual(
      expect.objectContaining({ source: 'typescript', severity: 'error', code: 'TS2307', line: 1 }),
    );
  });

  it.each([
    ['typescript', 'src/a.ts', 'export function f(): number {\n  debugger;\n  return 1;\n}\n', 'no-debugger', 2],
    ['typescript', 'src/b.ts', 'const unused = 1;\nexport const b = 2;\n', '@typescript-eslint/no-unused-vars', 1],
    ['javascript', 'src/c.js', 'const unused = 1;\nexport const c = 2;\n', 'no-unused-vars', 1],
  ] as const)('reports an ESLint finding in %s (%s)', async (language, path, content, rule, line) => {
    const verdict = await verdictOf([art(path, language, 'source', content)], path);
    expect(verdict.status).toBe('failed');
    expect(verdict.diagnostics).toContainEqual(
      expect.objectContaining({ source: 'eslint', severity: 'error', code: rule, line }),
    );
  });

  it('checks JavaScript with the compiler too, implicit any being a warning there', async () => {
    const content = 'export function f(a) {\n  return a + missingName;\n}\n';
    const verdict = await verdictOf([art('src/d.js', 'javascript', 'source', content)], 'src/d.js');
    expect(verdict.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'TS7006', severity: 'warning', line: 1 }),
    );
    expect(verdict.diagnostics).toContainEqual(expect.objectContaining({ code: 'TS2304', severity: 'error', line: 2 }));
  });
});

const OPENAPI_OK = `openapi: 3.1.0
info:
  title: Todo API
  version: 1.0.0
paths:
  /todos:
    get:
      responses:
        '200':
          description: The todos
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Todos'
components:
  schemas:
    Todos:
      type: array
      items:
        type: string
`;

describe('createArtifactChecker — data files', () => {
  it.each([
    ['yaml', 'config.yaml', 'a: 1\nb: [1, 2\nc: 3\n', 'yaml', 3],
    ['json', 'config.json', '{\n  "a": 1,\n  "b": }\n', 'json', 3],
  ] as const)('fails invalid %s with the line of the error', async (language, path, content, source, line) => {
    const verdict = await verdictOf([art(path, language, 'config', content)], path);
    expect(verdict).toMatchObject({ status: 'failed', checks: [source] });
    expect(verdict.diagnostics[0]).toMatchObject({ source, severity: 'error', line });
  });

  it.each([
    ['yaml', 'openapi.yaml', OPENAPI_OK],
    [
      'json',
      'openapi.json',
      JSON.stringify(
        {
          openapi: '3.1.0',
          info: { title: 't', version: '1' },
          paths: { '/health': { get: { responses: { '204': { description: 'up' } } } } },
        },
        null,
        2,
      ),
    ],
  ] as const)('passes a valid OpenAPI 3.1 document in %s', async (language, path, content) => {
    const verdict = await verdictOf([art(path, language, 'openapi', content)], path);
    expect(verdict).toEqual({ status: 'passed', checks: [language, 'openapi'], diagnostics: [] });
  });

  it.each([
    [
      'info.version is missing',
      OPENAPI_OK.replace('  version: 1.0.0\n', ''),
      /required property 'version'/,
      { line: 2 },
    ],
    ['a $ref points nowhere', OPENAPI_OK.replace("schemas/Todos'", "schemas/Nope'"), /Missing \$ref pointer.*Nope/, {}],
  ])('fails an OpenAPI document where %s', async (_name, content, message, position) => {
    const verdict = await verdictOf([art('api/openapi.yaml', 'yaml', 'openapi', content)], 'api/openapi.yaml');
    expect(verdict.status).toBe('failed');
    expect(verdict.diagnostics).toContainEqual(
      expect.objectContaining({
        source: 'openapi',
        severity: 'error',
        message: expect.stringMatching(message),
        ...position,
      }),
    );
  });

  it('fails a GitHub workflow whose job has no runs-on, pointing at the job', async () => {
    const content = 'name: ci\non: push\njobs:\n  build:\n    steps:\n      - run: npm test\n';
    const verdict = await verdictOf(
      [art('.github/workflows/ci.yml', 'yaml', 'github-workflow', content)],
      '.github/workflows/ci.yml',
    );
    expect(verdict).toMatchObject({ status: 'failed', checks: ['yaml', 'workflow'] });
    expect(verdict.diagnostics).toContainEqual(
      expect.objectContaining({ source: 'workflow', code: 'missing-runs-on', line: 4 }),
    );
  });

  it('passes a compose file and warns on a Kubernetes container without limits', async () => {
    const compose = art(
      'compose.yaml',
      'yaml',
      'compose',
      'services:\n  api:\n    build: .\n  db:\n    image: postgres:16\n',
    );
    const deployment = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    matchLabels: { app: api }',
      '  template:',
      '    metadata:',
      '      labels: { app: api }',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: api:1.0.0',
    ].join('\n');
    const verdicts = await checker.check([compose, art('k8s/api.yaml', 'yaml', 'kubernetes', deployment)]);
    expect(verdicts.get('compose.yaml')).toEqual({ status: 'passed', checks: ['yaml', 'compose'], diagnostics: [] });
    expect(verdicts.get('k8s/api.yaml')).toMatchObject({ status: 'passed', checks: ['yaml', 'kubernetes'] });
    expect(verdicts.get('k8s/api.yaml')?.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'missing-limits', line: 13 }),
    ]);
  });
});

describe('createArtifactChecker — other files and the contract', () => {
  it('fails a Dockerfile with an unknown instruction', async () => {
    const content = 'FROM node:20-slim\nFOO bar\nUSER node\nCMD ["node", "server.js"]\n';
    const verdict = await verdictOf([art('Dockerfile', 'dockerfile', 'dockerfile', content)], 'Dockerfile');
    expect(verdict).toMatchObject({ status: 'failed', checks: ['dockerfile'] });
    expect(verdict.diagnostics).toEqual([
      expect.objectContaining({ source: 'dockerfile', severity: 'error', code: 'UNKNOWN_INSTRUCTION', line: 2 }),
    ]);
  });

  it('passes a pinned, non-root Dockerfile', async () => {
    const content =
      'FROM node:20-slim AS build\nWORKDIR /app\nCOPY . .\nFROM node:20-slim\nCOPY --from=build /app /app\nUSER node\nCMD ["node", "/app/server.js"]\n';
    expect(await verdictOf([art('Dockerfile', 'dockerfile', 'dockerfile', content)], 'Dockerfile')).toEqual({
      status: 'passed',
      checks: ['dockerfile'],
      diagnostics: [],
    });
  });

  it.each([
    ['markdown', 'README.md', '# Title\n'],
    ['text', 'notes.txt', 'plain'],
  ] as const)('gives %s (no checker exists) the unchecked verdict, never passed', async (language, path, content) => {
    expect(await verdictOf([art(path, language, 'doc', content)], path)).toEqual({
      status: 'unchecked',
      checks: [],
      diagnostics: [],
    });
  });

  it('runs only the parser on YAML of a kind without structural rules', async () => {
    expect(await verdictOf([art('plan.yaml', 'yaml', 'test-plan', 'cases:\n  - login\n')], 'plan.yaml')).toEqual({
      status: 'passed',
      checks: ['yaml'],
      diagnostics: [],
    });
  });

  it('lists the checks it can run and honours skip', () => {
    expect(checker.checks).toEqual([
      'typescript',
      'eslint',
      'json',
      'yaml',
      'openapi',
      'dockerfile',
      'workflow',
      'compose',
      'kubernetes',
    ]);
    expect(createArtifactChecker({ skip: ['eslint'] }).checks).not.toContain('eslint');
  });

  it('throws CancelledError when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      checker.check([art('a.ts', 'typescript', 'source', 'export {};\n')], { signal: controller.signal }),
    ).rejects.toBeInstanceOf(CancelledError);
  });

  it('throws CancelledError when the signal aborts between files', async () => {
    const controller = new AbortController();
    const pending = checker.check([art('a.json', 'json', 'config', '{}'), art('b.json', 'json', 'config', '{}')], {
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });

  it('rejects two artifacts with the same path', async () => {
    const twice = [art('a.json', 'json', 'config', '{}'), art('a.json', 'json', 'config', '[]')];
    await expect(checker.check(twice)).rejects.toBeInstanceOf(InvalidInputError);
  });
});
