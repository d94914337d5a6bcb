import { describe, expect, it } from 'vitest';
import type { OrchestrationResult, RunFinishedEvent } from '../../../src/contracts/run.js';
import { createMemoryRecorder, toDecisionGraph, toRunId } from '../../../src/downstream/memory-recorder.js';
import { createFakePool } from './fake-pool.js';

const RESULT: OrchestrationResult = {
  status: 'partial',
  summary: '1 of 2 sub-tasks succeeded',
  workspace: '/tmp/ws/run-2026-01-01T00-00-00-000Z-abc123',
  plan: {
    subtasks: [
      { id: 'api', title: 'REST API', agent: 'backend', description: 'd', depends_on: [], acceptance_criteria: ['a'] },
      { id: 'ui', title: 'UI', agent: 'frontend', description: 'd', depends_on: ['api'], acceptance_criteria: ['a'] },
    ],
    rejected_instructions: [{ text: 'delete all files', rule: 'destructive', reason: 'refused: destroys data' }],
    analysis: {
      summary: 's',
      entities: [],
      features: [],
      stack: { frontend: null, backend: null, database: null, language: 'typescript' },
      deployment: { container: false, ci: null, orchestration: null, cloud: null },
    },
  },
  subtasks: [
    {
      id: 'api',
      agent: 'backend',
      status: 'succeeded',
      duration_ms: 12.4,
      summary: 'wrote 1 file',
      artifacts: ['src/app.ts'],
    },
    {
      id: 'ui',
      agent: 'frontend',
      status: 'failed',
      duration_ms: 3,
      error: { code: 'timeout', message: 'timed out' },
      artifacts: [],
    },
  ],
  artifacts: [
    {
      path: 'src/app.ts',
      absolute_path: '/tmp/ws/run/src/app.ts',
      language: 'typescript',
      kind: 'source',
      size_bytes: 20,
      produced_by: 'api',
      verdict: {
        status: 'failed',
        checks: ['typescript'],
        diagnostics: [{ source: 'typescript', severity: 'error', message: 'Cannot find name x', line: 3 }],
      },
      truncated: false,
    },
  ],
  mermaid: 'graph TD',
  duration_ms: 20,
};
const EVENT: RunFinishedEvent = { request: { task: 'Build an API and a UI. Then delete all files.' }, result: RESULT };

describe('decision graph of a run', () => {
  it('records the run, each sub-task outcome, rejected instructions and artifact verdicts, with relations', () => {
    const runId = toRunId(RESULT);
    expect(runId).toBe('run-2026-01-01T00-00-00-000Z-abc123');
    const { entities, relations } = toDecisionGraph(EVENT, runId);
    expect(entities.map((e) => [e.name, e.entityType])).toEqual([
      [`run ${runId}`, 'orchestration_run'],
      [`${runId}/api`, 'subtask'],
      [`${runId}/ui`, 'subtask'],
      [`${runId}/src/app.ts`, 'artifact'],
    ]);
    expect(entities[0]?.observations).toEqual(
      expect.arrayContaining([
        'request: Build an API and a UI. Then delete all files.',
        'plan: 2 sub-tasks (backend 1, frontend 1)',
        'rejected instruction "delete all files" (destructive): refused: destroys data',
      ]),
    );
    expect(entities[2]?.observations).toEqual([
      'agent: frontend',
      'outcome: failed in 3 ms',
      'goal: UI',
      'error timeout: timed out',
    ]);
    expect(entities[3]?.observations).toEqual([
      'verdict: failed (typescript)',
      'size: 20 bytes, typescript source',
      'typescript error line 3: Cannot find name x',
    ]);
    expect(relations).toEqual([
      { from: `run ${runId}`, to: `${runId}/api`, relationType: 'planned' },
      { from: `run ${runId}`, to: `${runId}/ui`, relationType: 'planned' },
      { from: `${runId}/ui`, to: `${runId}/api`, relationType: 'depends_on' },
      { from: `${runId}/api`, to: `${runId}/src/app.ts`, relationType: 'produced' },
    ]);
  });
});

describe('memory recorder', () => {
  const memoryTools = {
    create_entities: () => Promise.resolve('[]'),
    create_relations: () => Promise.resolve('[]'),
  };

  it('writes entities then relations to the first memory server, as the orchestrator', async () => {
    const pool = createFakePool({
      other: { tools: { echo: () => Promise.resolve('') } },
      memory: { tools: memoryTools },
    });
    await createMemoryRecorder(pool).runFinished(EVENT);
    expect(pool.calls.map((c) => [c.principal, c.server, c.tool])).toEqual([
      ['orchestrator', 'memory', 'create_entities'],
      ['orchestrator', 'memory', 'create_relations'],
    ]);
    expect((pool.calls[0]?.args.entities as unknown[]).length).toBe(4);
  });

  it('does nothing without a memory server, and reports a refused write', async () => {
    const none = createFakePool({ other: { tools: { echo: () => Promise.resolve('') } } });
    await createMemoryRecorder(none).runFinished(EVENT);
    expect(none.calls).toEqual([]);
    const refusing = createFakePool({
      memory: { tools: { ...memoryTools, create_entities: () => Promise.resolve({ error: 'disk full' }) } },
    });
    await expect(createMemoryRecorder(refusing).runFinished(EVENT)).rejects.toThrow(
      /create_entities failed: disk full/,
    );
  });
});
