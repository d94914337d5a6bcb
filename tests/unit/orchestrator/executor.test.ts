import { describe, expect, it } from 'vitest';
import type { AgentRunInput } from '../../../src/contracts/agent.js';
import type { ProgressEvent } from '../../../src/contracts/run.js';
import { ConfigError, PlanValidationError } from '../../../src/core/errors.js';
import { createExecutor } from '../../../src/orchestrator/executor.js';
import {
  agentsWith,
  artifactFor,
  fullStackPlan,
  memoryWriter,
  planOf,
  subtask,
  succeed,
  untilAborted,
  yieldTurns,
  type FakeBehaviour,
} from './fakes.js';

const statusOf = (result: { subtasks: Array<{ id: string; status: string }> }): Record<string, string> =>
  Object.fromEntries(result.subtasks.map((s) => [s.id, s.status]));

describe('createExecutor — order and inputs', () => {
  it('runs sub-tasks after their dependencies and passes transitive artifacts in plan order', async () => {
    const events: string[] = [];
    const inputs = new Map<string, string[]>();
    const behaviour: FakeBehaviour = async (input: AgentRunInput) => {
      events.push(`start:${input.subtask.id}`);
      inputs.set(
        input.subtask.id,
        input.inputs.map((a) => a.path),
      );
      await yieldTurns();
      events.push(`end:${input.subtask.id}`);
      return { summary: `did ${input.subtask.id}`, artifacts: [artifactFor(input.subtask)] };
    };
    const plan = fullStackPlan();
    const writer = memoryWriter();
    const result = await createExecutor({
      agents: agentsWith(behaviour),
      maxConcurrent: 4,
      subtaskTimeoutMs: 10_000,
    }).run(plan, {
      request: 'r',
      writer,
    });
    for (const s of plan.subtasks) {
      for (const dep of s.depends_on)
        expect(events.indexOf(`end:${dep}`)).toBeLessThan(events.indexOf(`start:${s.id}`));
    }
    expect(inputs.get('api-contract')).toEqual([]);
    expect(inputs.get('containerize')).toEqual([
      'out/api-contract.txt',
      'out/api-implementation.txt',
      'out/ui-components.txt',
    ]);
    expect(inputs.get('quality-checks')).toEqual(plan.subtasks.slice(0, 4).map((s) => `out/${s.id}.txt`));
    expect(result.subtasks.map((s) => s.id)).toEqual(plan.subtasks.map((s) => s.id));
    expect(result.subtasks.every((s) => s.status === 'succeeded' && s.duration_ms >= 0)).toBe(true);
    expect([...writer.files.keys()]).toHaveLength(5);
    expect(result.artifacts.map((a) => a.producedBy)).toEqual(plan.subtasks.map((s) => s.id));
  });

  it('hands every agent the request text and the plan analysis', async () => {
    const seen: Array<[string, string]> = [];
    const behaviour: FakeBehaviour = (input) => {
      seen.push([input.request, input.analysis.summary]);
      return succeed(input, undefined);
    };
    await createExecutor({ agents: agentsWith(behaviour), maxConcurrent: 2, subtaskTimeoutMs: 10_000 }).run(
      planOf([subtask('a', 'backend')]),
      {
        request: 'the request',
        writer: memoryWriter(),
      },
    );
    expect(seen).toEqual([['the request', 'test']]);
  });
});

describe('createExecutor — concurrency bound', () => {
  it.each([1, 2, 3])('never runs more than %i sub-tasks at once', async (maxConcurrent) => {
    let active = 0;
    let peak = 0;
    const behaviour: FakeBehaviour = async (input) => {
      active += 1;
      peak = Math.max(peak, active);
      await yieldTurns(5);
      active -= 1;
      return { summary: 'ok', artifacts: [artifactFor(input.subtask)] };
    };
    const plan = planOf(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => subtask(id, 'backend')));
    const result = await createExecutor({ agents: agentsWith(behaviour), maxConcurrent, subtaskTimeoutMs: 10_000 }).run(
      plan,
      {
        request: 'r',
        writer: memoryWriter(),
      },
    );
    expect(peak).toBe(maxConcurrent);
    expect(result.subtasks.filter((s) => s.status === 'succeeded')).toHaveLength(6);
  });
});

describe('createExecutor — failures', () => {
  it('marks the dependents of a failed sub-task skipped', async () => {
    const failing: FakeBehaviour = (input) =>
      input.subtask.id === 'api-contract' ? Promise.reject(new Error('contract broke')) : succeed(input, undefined);
    const result = await createExecutor({
      agents: agentsWith(failing),
      maxConcurrent: 4,
      subtaskTimeoutMs: 10_000,
    }).run(fullStackPlan(), {
      request: 'r',
      writer: memoryWriter(),
    });
    expect(statusOf(result)).toEqual({
      'api-contract': 'failed',
      'api-implementation': 'skipped',
      'ui-components': 'skipped',
      containerize: 'skipped',
      'quality-checks': 'skipped',
    });
    expect(result.subtasks[0]?.error).toEqual({ code: 'agent_error', message: 'contract broke' });
    expect(result.subtasks[1]?.error?.code).toBe('dependency_failed');
    expect(result.artifacts).toEqual([]);
  });

  it.each([
    ['a missing agent', planOf([subtask('a', 'devops')]), 'agent_missing'],
    ['a path escaping the workspace', planOf([subtask('a', 'backend')]), 'workspace_escape'],
  ])('fails the sub-task for %s', async (name, plan, code) => {
    const agents = agentsWith(succeed, {
      backend: () =>
        Promise.resolve({
          summary: 'x',
          artifacts: [{ path: '../x.txt', language: 'text', kind: 'doc', content: 'x' }],
        }),
    });
    if (name === 'a missing agent') agents.delete('devops');
    const result = await createExecutor({ agents, maxConcurrent: 1, subtaskTimeoutMs: 10_000 }).run(plan, {
      request: 'r',
      writer: memoryWriter(),
    });
    expect(result.subtasks[0]).toMatchObject({ status: 'failed', error: { code } });
  });

  it.each([
    ['honours its signal', (_i: AgentRunInput, signal: AbortSignal | undefined) => untilAborted(signal)],
    ['ignores its signal', () => new Promise<never>(() => undefined)],
  ])('times out a sub-task whose agent %s and skips its dependents', async (_name, hang) => {
    const agents = agentsWith(succeed, { backend: hang });
    const plan = planOf([
      subtask('slow', 'backend'),
      subtask('after', 'quality', ['slow']),
      subtask('other', 'frontend'),
    ]);
    const result = await createExecutor({ agents, maxConcurrent: 2, subtaskTimeoutMs: 50 }).run(plan, {
      request: 'r',
      writer: memoryWriter(),
    });
    expect(statusOf(result)).toEqual({ slow: 'failed', after: 'skipped', other: 'succeeded' });
    expect(result.subtasks[0]?.error).toEqual({ code: 'timeout', message: 'The sub-task timed out after 50 ms.' });
  });
});

describe('createExecutor — cancellation', () => {
  it('cancels running sub-tasks and skips the rest without hanging, even when an agent ignores the signal', async () => {
    const controller = new AbortController();
    const agents = agentsWith(succeed, {
      backend: (input) => {
        if (input.subtask.id === 'api-contract') return succeed(input, undefined);
        controller.abort();
        return new Promise<never>(() => undefined);
      },
      frontend: (_input, signal) => untilAborted(signal),
    });
    const result = await createExecutor({ agents, maxConcurrent: 4, subtaskTimeoutMs: 60_000 }).run(fullStackPlan(), {
      request: 'r',
      writer: memoryWriter(),
      signal: controller.signal,
    });
    expect(statusOf(result)).toEqual({
      'api-contract': 'succeeded',
      'api-implementation': 'cancelled',
      'ui-components': 'cancelled',
      containerize: 'skipped',
      'quality-checks': 'skipped',
    });
    expect(result.artifacts.map((a) => a.producedBy)).toEqual(['api-contract']);
  });

  it('skips everything when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await createExecutor({ agents: agentsWith(succeed), maxConcurrent: 2, subtaskTimeoutMs: 1_000 }).run(
      fullStackPlan(),
      {
        request: 'r',
        writer: memoryWriter(),
        signal: controller.signal,
      },
    );
    expect(new Set(Object.values(statusOf(result)))).toEqual(new Set(['skipped']));
    expect(result.subtasks[0]?.error?.code).toBe('cancelled');
  });
});

describe('createExecutor — progress, checks and artifacts', () => {
  it('reports progress once per sub-task with counts and status', async () => {
    const events: ProgressEvent[] = [];
    await createExecutor({ agents: agentsWith(succeed), maxConcurrent: 1, subtaskTimeoutMs: 10_000 }).run(
      fullStackPlan(),
      {
        request: 'r',
        writer: memoryWriter(),
        onProgress: (e) => events.push(e),
      },
    );
    expect(events.map((e) => e.completed)).toEqual([1, 2, 3, 4, 5]);
    expect(events.every((e) => e.total === 5)).toBe(true);
    expect(events[1]?.message).toBe('2/5 backend: api-implementation succeeded');
  });

  it('keeps a run going when the progress listener throws', async () => {
    const result = await createExecutor({
      agents: agentsWith(succeed),
      maxConcurrent: 1,
      subtaskTimeoutMs: 10_000,
    }).run(fullStackPlan(), {
      request: 'r',
      writer: memoryWriter(),
      onProgress: () => {
        throw new Error('listener broke');
      },
    });
    expect(result.subtasks.every((s) => s.status === 'succeeded')).toBe(true);
  });

  it('collects the quality agent checks and keeps the last write per path', async () => {
    const verdict = { status: 'passed' as const, checks: ['typescript'], diagnostics: [] };
    const agents = agentsWith(
      (input) =>
        Promise.resolve({
          summary: 'x',
          artifacts: [{ path: 'shared.txt', language: 'text', kind: 'doc', content: input.subtask.id }],
        }),
      {
        quality: () =>
          Promise.resolve({ summary: 'checked', artifacts: [], checks: [{ path: 'shared.txt', verdict }] }),
      },
    );
    const plan = planOf([
      subtask('a', 'backend'),
      subtask('b', 'frontend', ['a']),
      subtask('q', 'quality', ['a', 'b']),
    ]);
    const writer = memoryWriter();
    const result = await createExecutor({ agents, maxConcurrent: 2, subtaskTimeoutMs: 10_000 }).run(plan, {
      request: 'r',
      writer,
    });
    expect(result.checks.get('shared.txt')).toEqual(verdict);
    expect(result.artifacts.map((a) => [a.producedBy, a.artifact.content])).toEqual([['b', 'b']]);
    expect(writer.files.get('shared.txt')).toBe('b');
  });
});

describe('createExecutor — validation', () => {
  it.each([0, 1.5, -1])('refuses maxConcurrent %s', (maxConcurrent) => {
    expect(() => createExecutor({ agents: agentsWith(succeed), maxConcurrent, subtaskTimeoutMs: 1_000 })).toThrow(
      ConfigError,
    );
  });

  it('rejects an invalid plan', async () => {
    const plan = planOf([subtask('a', 'backend', ['b']), subtask('b', 'backend', ['a'])]);
    await expect(
      createExecutor({ agents: agentsWith(succeed), maxConcurrent: 1, subtaskTimeoutMs: 1_000 }).run(plan, {
        request: 'r',
        writer: memoryWriter(),
      }),
    ).rejects.toBeInstanceOf(PlanValidationError);
  });
});
