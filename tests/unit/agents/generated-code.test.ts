import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequestAnalysis } from '../../../src/contracts/plan.js';
import { compileArtifacts } from './helpers/compile.js';
import { fullStackAnalysis, minimalAnalysis } from './helpers/fixtures.js';
import { lintArtifacts } from './helpers/lint.js';
import { runPipeline } from './helpers/pipeline.js';
import { runNodeTests, transpileToTemp } from './helpers/run-generated.js';

function vueAnalysis(): RequestAnalysis {
  const analysis = minimalAnalysis();
  analysis.stack.frontend = 'vue';
  analysis.features.push('styling');
  analysis.entities.push({
    name: 'Category',
    fields: [
      { name: 'label', type: 'string' },
      { name: 'createdOn', type: 'date' },
    ],
  });
  return analysis;
}

function noEntityAnalysis(): RequestAnalysis {
  const analysis = minimalAnalysis();
  analysis.entities = [];
  return analysis;
}

function awkwardAnalysis(): RequestAnalysis {
  const analysis = fullStackAnalysis();
  analysis.entities = [
    {
      name: 'Error',
      fields: [
        { name: 'class', type: 'string' },
        { name: 'error', type: 'number' },
        { name: 'id', type: 'string' },
      ],
    },
    { name: 'Category', fields: [] },
    { name: 'Category', fields: [{ name: 'label', type: 'string' }] },
  ];
  return analysis;
}

const SCENARIOS: Array<[string, () => RequestAnalysis]> = [
  ['full stack (react, auth, postgres, kubernetes)', fullStackAnalysis],
  ['minimal (no auth, no frontend stack)', minimalAnalysis],
  ['vue stack with styling (DOM views)', vueAnalysis],
  ['no entity in the request (placeholder)', noEntityAnalysis],
  ['reserved names and field-less / duplicate entities', awkwardAnalysis],
];

describe('test helpers (so a pass is not vacuous)', () => {
  it('the compiler helper reports type errors and unresolved imports', () => {
    const { diagnostics } = compileArtifacts([
      {
        path: 'src/bad.ts',
        language: 'typescript',
        kind: 'source',
        content: "import { x } from './missing.js';\nexport const n: number = 'text';\n",
      },
    ]);
    expect(diagnostics.some((d) => d.includes('TS2307'))).toBe(true);
    expect(diagnostics.some((d) => d.includes('TS2322'))).toBe(true);
  });

  it('the compiler helper resolves react and node types', () => {
    const content =
      "import { useState } from 'react';\nimport { createServer } from 'node:http';\nexport function C() {\n  const [n] = useState(0);\n  return <p>{n}{String(createServer)}</p>;\n}\n";
    expect(compileArtifacts([{ path: 'src/c.tsx', language: 'tsx', kind: 'component', content }]).diagnostics).toEqual(
      [],
    );
  });

  it('the lint helper reports rule violations', () => {
    const messages = lintArtifacts([
      { path: 'src/a.ts', language: 'typescript', kind: 'source', content: 'const unused: any = 1;\n' },
    ]);
    expect(messages.some((m) => m.includes('no-unused-vars'))).toBe(true);
    expect(messages.some((m) => m.includes('no-explicit-any'))).toBe(true);
  });
});

describe('generated TypeScript', () => {
  it.each(SCENARIOS)(
    'compiles with zero errors and imports only node:*, react and its own set: %s',
    async (_name, analysis) => {
      const { all } = await runPipeline(analysis());
      const scripts = all.filter((artifact) => artifact.language === 'typescript' || artifact.language === 'tsx');
      expect(scripts.length).toBeGreaterThan(3);
      const { diagnostics, imports } = compileArtifacts(all);
      expect(diagnostics).toEqual([]);
      const paths = new Set(all.map((artifact) => artifact.path));
      for (const [path, specifiers] of imports) {
        for (const specifier of specifiers) {
          if (specifier.startsWith('.')) {
            const target = posix.join(posix.dirname(path), specifier).replace(/\.js$/, '');
            expect(
              [`${target}.ts`, `${target}.tsx`].some((candidate) => paths.has(candidate)),
              `${path} → ${specifier}`,
            ).toBe(true);
          } else {
            expect(specifier, path).toMatch(/^(node:[a-z/_]+|react(\/.*)?)$/);
          }
        }
      }
    },
  );

  it.each(SCENARIOS)(
    'passes the checker lint rules (eslint + typescript-eslint recommended): %s',
    async (_name, analysis) => {
      const { all } = await runPipeline(analysis());
      expect(lintArtifacts(all)).toEqual([]);
    },
  );

  it('produces node:test files that pass against the generated handlers and auth', async () => {
    const { quality, all } = await runPipeline();
    const testFiles = quality.artifacts
      .filter((artifact) => artifact.kind === 'test')
      .map((artifact) => artifact.path.replace(/\.ts$/, '.js'));
    expect(testFiles).toEqual(['tests/task.api.test.js', 'tests/project.api.test.js', 'tests/auth.test.js']);
    const workspace = await transpileToTemp(all);
    try {
      const result = await runNodeTests(workspace.root, testFiles);
      expect(result.output).toMatch(/^# pass 13$/m);
      expect(result.output).toMatch(/^# fail 0$/m);
      expect(result.code).toBe(0);
    } finally {
      await workspace.dispose();
    }
  });
});
