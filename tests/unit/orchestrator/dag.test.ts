import { describe, expect, it } from 'vitest';
import type { SubTask } from '../../../src/contracts/plan.js';
import type { SubTaskStatus } from '../../../src/contracts/run.js';
import { PlanValidationError } from '../../../src/core/errors.js';
import { toMermaid, topologicalOrder, transitiveDependencies, validatePlan } from '../../../src/orchestrator/dag.js';

function node(id: string, depends_on: string[] = [], agent: SubTask['agent'] = 'backend'): SubTask {
  return { id, title: id.toUpperCase(), agent, description: `do ${id}`, depends_on, acceptance_criteria: ['done'] };
}

describe('validatePlan', () => {
  it.each([
    ['single node', [node('a')]],
    ['chain', [node('a'), node('b', ['a']), node('c', ['b'])]],
    ['diamond', [node('a'), node('b', ['a']), node('c', ['a']), node('d', ['b', 'c'])]],
    ['dependency listed later in the plan', [node('b', ['a']), node('a')]],
  ])('accepts a %s', (_name, subtasks) => {
    expect(() => validatePlan({ subtasks })).not.toThrow();
  });

  it.each([
    ['duplicate ids', [node('a'), node('a')], { duplicates: ['a'] }],
    ['missing dependency', [node('a'), node('b', ['x'])], { missing: [{ id: 'b', dependency: 'x' }] }],
    ['self-dependency', [node('a', ['a'])], { cycle: ['a'] }],
    ['two-node cycle', [node('a', ['b']), node('b', ['a'])], { cycle: ['a', 'b'] }],
    [
      'cycle behind a valid root',
      [node('r'), node('a', ['r', 'c']), node('b', ['a']), node('c', ['b']), node('d', ['c'])],
      { cycle: ['a', 'b', 'c', 'd'] },
    ],
  ])('rejects %s with data', (_name, subtasks, data) => {
    let caught: unknown;
    try {
      validatePlan({ subtasks });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PlanValidationError);
    expect((caught as PlanValidationError).code).toBe('plan_invalid');
    expect((caught as PlanValidationError).data).toEqual(data);
  });
});

describe('topologicalOrder', () => {
  it.each([
    ['keeps plan order among independent nodes', [node('c'), node('a'), node('b')], ['c', 'a', 'b']],
    ['puts dependencies first', [node('b', ['a']), node('a')], ['a', 'b']],
    ['diamond', [node('d', ['b', 'c']), node('c', ['a']), node('b', ['a']), node('a')], ['a', 'c', 'b', 'd']],
  ])('%s', (_name, subtasks, order) => {
    expect(topologicalOrder({ subtasks }).map((s) => s.id)).toEqual(order);
  });

  it('throws on a cycle', () => {
    expect(() => topologicalOrder({ subtasks: [node('a', ['b']), node('b', ['a'])] })).toThrow(PlanValidationError);
  });
});

describe('transitiveDependencies', () => {
  it('follows every path', () => {
    const plan = { subtasks: [node('a'), node('b', ['a']), node('c', ['a']), node('d', ['b', 'c']), node('e')] };
    expect([...transitiveDependencies(plan, 'd')].sort()).toEqual(['a', 'b', 'c']);
    expect(transitiveDependencies(plan, 'a').size).toBe(0);
  });
});

describe('toMermaid', () => {
  const plan = {
    subtasks: [
      node('api-contract'),
      node('ui-components', ['api-contract'], 'frontend'),
      node('quality-checks', ['api-contract', 'ui-components'], 'quality'),
    ],
  };

  it('renders nodes and edges as graph TD', () => {
    expect(toMermaid(plan)).toBe(
      [
        'graph TD',
        '  api-contract["API-CONTRACT (backend)"]',
        '  ui-components["UI-COMPONENTS (frontend)"]',
        '  quality-checks["QUALITY-CHECKS (quality)"]',
        '  api-contract --> ui-components',
        '  api-contract --> quality-checks',
        '  ui-components --> quality-checks',
      ].join('\n'),
    );
  });

  it('adds status classes', () => {
    const statuses = new Map<string, SubTaskStatus>([
      ['api-contract', 'succeeded'],
      ['ui-components', 'failed'],
      ['quality-checks', 'skipped'],
    ]);
    const text = toMermaid(plan, statuses);
    for (const status of ['succeeded', 'failed', 'cancelled', 'skipped']) expect(text).toContain(`classDef ${status} `);
    expect(text).toContain('  class api-contract succeeded');
    expect(text).toContain('  class ui-components failed');
    expect(text).toContain('  class quality-checks skipped');
  });

  it.each([
    ['a title with "quotes" <b>', 'a', 'a["a title with #quot;quotes#quot; #lt;b#gt; (backend)"]'],
    ['x', 'end', 'n_end["x (backend)"]'],
    ['x', 'a--b', 'n_a__b["x (backend)"]'],
  ])('escapes label %j and id %s', (title, id, line) => {
    expect(toMermaid({ subtasks: [{ ...node(id), title }] })).toContain(line);
  });
});
