import { describe, expect, it } from 'vitest';
import type { SubTaskResult, SubTaskStatus } from '../../../src/contracts/run.js';
import type { ExecutionResult } from '../../../src/orchestrator/executor.js';
import { toArtifactRecords, toRunStatus, toRunSummary } from '../../../src/orchestrator/run-report.js';
import { fullStackPlan } from './fakes.js';

const result = (status: SubTaskStatus, id = 'a'): SubTaskResult => ({
  id,
  agent: 'backend',
  status,
  duration_ms: 1,
  artifacts: [],
});

describe('toRunStatus', () => {
  it.each([
    [['succeeded', 'succeeded'], false, 'succeeded'],
    [['succeeded', 'failed'], false, 'partial'],
    [['succeeded', 'skipped'], false, 'partial'],
    [['failed', 'skipped'], false, 'failed'],
    [['succeeded', 'succeeded'], true, 'cancelled'],
    [['cancelled', 'skipped'], true, 'cancelled'],
  ] as const)('%j aborted=%s → %s', (statuses, aborted, expected) => {
    expect(
      toRunStatus(
        statuses.map((s) => result(s)),
        aborted,
      ),
    ).toBe(expected);
  });
});

describe('toArtifactRecords', () => {
  const execution: ExecutionResult = {
    subtasks: [],
    artifacts: [
      {
        artifact: { path: './a.ts', language: 'typescript', kind: 'source', content: 'const a = 1;\n' },
        written: { path: 'a.ts', absolutePath: '/w/a.ts', sizeBytes: 13 },
        producedBy: 'api-implementation',
      },
      {
        artifact: { path: 'b.md', language: 'markdown', kind: 'doc', content: '# B\n' },
        written: { path: 'b.md', absolutePath: '/w/b.md', sizeBytes: 4 },
        producedBy: 'api-contract',
      },
    ],
    checks: new Map([
      [
        'a.ts',
        {
          status: 'failed',
          checks: ['typescript'],
          diagnostics: [{ source: 'typescript', severity: 'error', message: 'x' }],
        },
      ],
    ]),
  };

  it('attaches verdicts by path and marks the rest unchecked', () => {
    const records = toArtifactRecords(execution, 100);
    expect(records.map((r) => [r.path, r.verdict.status])).toEqual([
      ['a.ts', 'failed'],
      ['b.md', 'unchecked'],
    ]);
    expect(records[1]).toMatchObject({
      absolute_path: '/w/b.md',
      produced_by: 'api-contract',
      content: '# B\n',
      truncated: false,
    });
  });

  it.each([
    [13, [true, true]],
    [12, [false, true]],
    [0, [false, false]],
  ])('inlines content up to %i bytes', (cap, inline) => {
    const records = toArtifactRecords(execution, cap);
    expect(records.map((r) => r.content !== undefined)).toEqual(inline);
    expect(records.map((r) => r.truncated)).toEqual(inline.map((i) => !i));
  });
});

describe('toRunSummary', () => {
  it('counts sub-tasks by status, artifacts by verdict and rejections', () => {
    const plan = {
      ...fullStackPlan(),
      rejected_instructions: [{ text: 'rm -rf /', rule: 'destructive-filesystem', reason: 'r' }],
    };
    const subtasks = [
      result('succeeded', 'a'),
      result('failed', 'b'),
      result('skipped', 'c'),
      result('skipped', 'd'),
      result('skipped', 'e'),
    ];
    const summary = toRunSummary({
      status: 'partial',
      plan,
      subtasks,
      artifacts: toArtifactRecords({ subtasks: [], artifacts: [], checks: new Map() }, 10),
      workspace: '/w',
    });
    expect(summary).toBe(
      'Run partial: 5 sub-tasks (1 succeeded, 1 failed, 3 skipped); 0 artifacts written to /w; 1 instruction rejected (destructive-filesystem).',
    );
  });
});
