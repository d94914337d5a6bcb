import { describe, expect, it } from 'vitest';
import { createBackendAgent, createFrontendAgent } from '../../../../agents/index.js';
import type { Artifact } from '../../../../src/contracts/artifact.js';
import type { RequestAnalysis } from '../../../../src/contracts/plan.js';
import { fullStackAnalysis, minimalAnalysis, runInput, subtask } from '../helpers/fixtures.js';

async function backendArtifacts(analysis: RequestAnalysis = fullStackAnalysis()): Promise<Artifact[]> {
  return (await createBackendAgent().run(runInput('backend', analysis))).artifacts;
}

function content(artifacts: readonly Artifact[], path: string): string {
  const artifact = artifacts.find((candidate) => candidate.path === path);
  if (artifact === undefined) throw new Error(`missing ${path}`);
  return artifact.content;
}

describe('frontend agent', () => {
  it('produces the API client, a list and a form per entity, and styling, with the right kinds and languages', async () => {
    const output = await createFrontendAgent().run(runInput('frontend', fullStackAnalysis(), await backendArtifacts()));
    expect(output.artifacts.map((a) => [a.path, a.kind, a.language])).toEqual([
      ['src/ui/api-client.ts', 'source', 'typescript'],
      ['src/ui/TaskList.tsx', 'component', 'tsx'],
      ['src/ui/TaskForm.tsx', 'component', 'tsx'],
      ['src/ui/ProjectList.tsx', 'component', 'tsx'],
      ['src/ui/ProjectForm.tsx', 'component', 'tsx'],
      ['src/ui/styles.css', 'source', 'text'],
      ['src/ui/AppLayout.tsx', 'component', 'tsx'],
    ]);
    expect(output.summary).toBe(
      'Generated 7 frontend files: a typed fetch client with 11 operations from api/openapi.yaml, 2 list components and 2 form components in React TSX, styles.css with the AppLayout component that uses it.',
    );
  });

  it('derives the client from the contract among its inputs: one typed function per operation', async () => {
    const output = await createFrontendAgent().run(runInput('frontend', fullStackAnalysis(), await backendArtifacts()));
    const client = content(output.artifacts, 'src/ui/api-client.ts');
    expect(client).toContain(
      'listTasks: (query?: { limit?: number; cursor?: string }, requestOptions?: RequestOptions) => Promise<TaskPage>;',
    );
    expect(client).toContain(
      'updateTask: (id: string, body: TaskUpdate, requestOptions?: RequestOptions) => Promise<Task>;',
    );
    expect(client).toContain('deleteProject: (id: string, requestOptions?: RequestOptions) => Promise<void>;');
    expect(client).toContain(
      "getTask: (id, requestOptions) => call<Task>('GET', '/tasks/' + encodeURIComponent(id), undefined, requestOptions),",
    );
    expect(client).toContain('export interface TaskPage {\n  items: Task[];\n  nextCursor: string | null;\n}');
  });

  it('follows the contract, not the analysis, when they differ', async () => {
    const contract = await backendArtifacts(minimalAnalysis());
    const output = await createFrontendAgent().run(runInput('frontend', fullStackAnalysis(), contract));
    expect(output.artifacts.map((a) => a.path)).not.toContain('src/ui/TaskList.tsx');
    expect(output.summary).toContain('the contract lacks the paged CRUD schemas or operations of Task');
    expect(content(output.artifacts, 'src/ui/api-client.ts')).toContain('listNotes');
  });

  it('derives the client from the analysis when no contract is among its inputs, and says so', async () => {
    const output = await createFrontendAgent().run(runInput('frontend', fullStackAnalysis(), []));
    expect(content(output.artifacts, 'src/ui/api-client.ts')).toContain('createProject: (body: ProjectCreate');
    expect(output.summary).toContain('from the request analysis (no API contract among the inputs)');
  });

  it('falls back to the analysis and notes it when the contract is not valid YAML', async () => {
    const broken: Artifact = {
      path: 'api/openapi.yaml',
      language: 'yaml',
      kind: 'openapi',
      content: 'openapi: [unclosed\n',
    };
    const output = await createFrontendAgent().run(runInput('frontend', fullStackAnalysis(), [broken]));
    expect(output.summary).toContain('api/openapi.yaml could not be read');
    expect(output.artifacts.map((a) => a.path)).toContain('src/ui/TaskForm.tsx');
  });

  it('writes React components with typed props and the automatic JSX runtime', async () => {
    const output = await createFrontendAgent().run(runInput('frontend', fullStackAnalysis(), await backendArtifacts()));
    const list = content(output.artifacts, 'src/ui/TaskList.tsx');
    const form = content(output.artifacts, 'src/ui/ProjectForm.tsx');
    expect(list).toMatch(
      /^import \{ useEffect, useState \} from 'react';\nimport type \{ ApiClient, Task \} from '\.\/api-client\.js';/,
    );
    expect(list).toContain('export interface TaskListProps {');
    expect(form).toContain('const [defaultValue, setDefaultValue] = useState(initial?.default ?? false);');
    expect(form).toContain('const input: ProjectCreate = { name, default: defaultValue };');
    expect([list, form].some((text) => text.includes('import React'))).toBe(false);
  });

  it.each(['vue', 'svelte', 'angular'])(
    'writes framework-free DOM modules for the %s stack and says so',
    async (stack) => {
      const analysis = fullStackAnalysis();
      analysis.stack.frontend = stack;
      const output = await createFrontendAgent().run(runInput('frontend', analysis, await backendArtifacts()));
      expect(output.artifacts.map((a) => a.path)).toEqual([
        'src/ui/api-client.ts',
        'src/ui/task-view.ts',
        'src/ui/project-view.ts',
        'src/ui/styles.css',
        'src/ui/app-layout.ts',
      ]);
      expect(output.artifacts.every((a) => a.language !== 'tsx')).toBe(true);
      expect(output.summary).toContain(`the stack names ${stack}`);
      expect(output.summary).toContain('2 DOM view modules');
    },
  );

  it.each([
    ['ui-styling', 'Style the UI', ['src/ui/styles.css', 'src/ui/AppLayout.tsx']],
    [
      'ui-components',
      'Build the UI components',
      [
        'src/ui/api-client.ts',
        'src/ui/TaskList.tsx',
        'src/ui/TaskForm.tsx',
        'src/ui/ProjectList.tsx',
        'src/ui/ProjectForm.tsx',
      ],
    ],
  ])('scopes its work by the sub-task hint %s', async (id, title, expected) => {
    const input = {
      ...runInput('frontend', fullStackAnalysis(), await backendArtifacts()),
      subtask: subtask('frontend', id, title),
    };
    const output = await createFrontendAgent().run(input);
    expect(output.artifacts.map((a) => a.path)).toEqual(expected);
  });

  it('adds styling for a CSS request even without the styling feature', async () => {
    const analysis = minimalAnalysis();
    const output = await createFrontendAgent().run(runInput('frontend', analysis, [], 'Fix the CSS of the notes list'));
    expect(output.artifacts.map((a) => a.path)).toContain('src/ui/styles.css');
    const plain = await createFrontendAgent().run(runInput('frontend', minimalAnalysis(), [], 'A notes app'));
    expect(plain.artifacts.map((a) => a.path)).not.toContain('src/ui/styles.css');
  });
});
