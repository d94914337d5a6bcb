import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createBackendAgent } from '../../../../agents/index.js';
import type { Artifact } from '../../../../src/contracts/artifact.js';
import { fullStackAnalysis, minimalAnalysis, runInput, subtask } from '../helpers/fixtures.js';

type Json = Record<string, unknown>;

function byPath(artifacts: readonly Artifact[], path: string): Artifact {
  const artifact = artifacts.find((candidate) => candidate.path === path);
  if (artifact === undefined) throw new Error(`missing ${path}`);
  return artifact;
}

function record(value: unknown): Json {
  expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
  return value as Json;
}

describe('backend agent', () => {
  it('produces the contract, types, handlers, server, entry point and auth with the right kinds and languages', async () => {
    const output = await createBackendAgent().run(runInput('backend'));
    expect(output.artifacts.map((a) => [a.path, a.kind, a.language])).toEqual([
      ['api/openapi.yaml', 'openapi', 'yaml'],
      ['src/api/types.ts', 'source', 'typescript'],
      ['src/api/handlers.ts', 'source', 'typescript'],
      ['src/api/server.ts', 'source', 'typescript'],
      ['src/main.ts', 'source', 'typescript'],
      ['src/api/auth.ts', 'source', 'typescript'],
    ]);
    expect(output.summary).toContain('Generated 6 backend files for 2 entities (Task, Project)');
    expect(output.summary).toContain('11 operations');
    expect(output.summary).toContain('the adapter is node:http');
  });

  it('writes an OpenAPI 3.1.0 document with paged CRUD paths and schemas for every entity', async () => {
    const output = await createBackendAgent().run(runInput('backend'));
    const doc = record(parse(byPath(output.artifacts, 'api/openapi.yaml').content));
    expect(doc['openapi']).toBe('3.1.0');
    expect(record(doc['info'])['title']).toBe('Tasks and Projects API');
    const paths = record(doc['paths']);
    const schemas = record(record(doc['components'])['schemas']);
    for (const [collection, name] of [
      ['/tasks', 'Task'],
      ['/projects', 'Project'],
    ] as const) {
      expect(Object.keys(record(paths[collection])).sort()).toEqual(['get', 'post']);
      expect(Object.keys(record(paths[`${collection}/{id}`])).sort()).toEqual(['delete', 'get', 'parameters', 'patch']);
      const list = record(record(paths[collection])['get']);
      expect(list['parameters']).toEqual([
        { $ref: '#/components/parameters/Limit' },
        { $ref: '#/components/parameters/Cursor' },
      ]);
      expect(Object.keys(record(list['responses']))).toEqual(['200', '400', '401', '500']);
      for (const suffix of ['', 'Create', 'Update', 'Page']) expect(schemas[`${name}${suffix}`]).toBeDefined();
    }
    expect(record(schemas['Task'])['required']).toEqual([
      'id',
      'createdAt',
      'updatedAt',
      'title',
      'done',
      'estimate',
      'dueDate',
    ]);
    expect(record(record(schemas['Task'])['properties'])['dueDate']).toEqual({ type: 'string', format: 'date-time' });
    expect(record(schemas['TaskUpdate'])['minProperties']).toBe(1);
    expect(schemas['ApiError']).toBeDefined();
    expect(record(record(doc['components'])['securitySchemes'])['bearerAuth']).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(record(record(paths['/health'])['get'])['security']).toEqual([]);
  });

  it('writes types that mirror the schemas', async () => {
    const output = await createBackendAgent().run(runInput('backend'));
    const types = byPath(output.artifacts, 'src/api/types.ts').content;
    expect(types).toContain(
      'export interface Task extends EntityMeta {\n  title: string;\n  done: boolean;\n  estimate: number;\n  dueDate: string;\n}',
    );
    expect(types).toContain('export interface ProjectUpdate {\n  name?: string;\n  default?: boolean;\n}');
    expect(types).toContain('export type ApiResponse<T> =');
  });

  it('omits auth, bearer security and 401 responses when auth is not requested', async () => {
    const output = await createBackendAgent().run(runInput('backend', minimalAnalysis(), [], 'A notes API.'));
    expect(output.artifacts.map((a) => a.path)).not.toContain('src/api/auth.ts');
    const doc = record(parse(byPath(output.artifacts, 'api/openapi.yaml').content));
    expect(doc['security']).toBeUndefined();
    const notes = record(record(doc['paths'])['/notes']);
    expect(Object.keys(record(record(notes['get'])['responses']))).toEqual(['200', '400', '500']);
    expect(byPath(output.artifacts, 'src/api/server.ts').content).not.toContain('authenticate');
    expect(byPath(output.artifacts, 'src/main.ts').content).toContain("process.env['PORT'] ?? '3000'");
  });

  it.each([
    ['api-contract', 'Define the API contract', [], ['api/openapi.yaml']],
    [
      'api-implementation',
      'Implement the API',
      ['api/openapi.yaml'],
      ['src/api/types.ts', 'src/api/handlers.ts', 'src/api/server.ts', 'src/main.ts', 'src/api/auth.ts'],
    ],
    [
      'api-implementation',
      'Implement the API',
      [],
      [
        'api/openapi.yaml',
        'src/api/types.ts',
        'src/api/handlers.ts',
        'src/api/server.ts',
        'src/main.ts',
        'src/api/auth.ts',
      ],
    ],
  ])('scopes its work by the sub-task hint %s (contract among inputs: %j)', async (id, title, inputPaths, expected) => {
    const inputs: Artifact[] = inputPaths.map((path) => ({
      path,
      language: 'yaml',
      kind: 'openapi',
      content: 'openapi: 3.1.0\n',
    }));
    const input = { ...runInput('backend', fullStackAnalysis(), inputs), subtask: subtask('backend', id, title) };
    const output = await createBackendAgent().run(input);
    expect(output.artifacts.map((a) => a.path)).toEqual(expected);
  });

  it('derives the port from the request', async () => {
    const output = await createBackendAgent().run(runInput('backend'));
    const doc = record(parse(byPath(output.artifacts, 'api/openapi.yaml').content));
    expect(doc['servers']).toEqual([{ url: 'http://localhost:8080' }]);
    expect(byPath(output.artifacts, 'src/main.ts').content).toContain("process.env['PORT'] ?? '8080'");
  });
});
