import { describe, expect, it } from 'vitest';
import type { AgentRunInput } from '../../../src/contracts/agent.js';
import type { CompletedSubtask, ProgressEvent, RunFinishedEvent } from '../../../src/contracts/run.js';
import { createExecutor } from '../../../src/orchestrator/executor.js';
import { createOrchestrator } from '../../../src/orchestrator/orchestrator.js';
import { agentsWith, artifactFor, fullStackPlan, memoryWriter, succeed, type FakeBehaviour } from './fakes.js';

const executor = (behaviour: FakeBehaviour) =>
  createExecutor({ agents: agentsWith(behaviour), maxConcurrent: 2, subtaskTimeoutMs: 10_000 });

/** The api-contract sub-task as already done in an earlier run. */
function doneContract(): CompletedSubtask {
  const artifact = artifactFor(fullStackPlan().subtasks[0] ?? ({} as never), 'contract from the first run');
  return {
    result: { id: 'api-contract', agent: 'backend', status: 'succeeded', duration_ms: 7, artifacts: [artifact.path] },
    outputs: [
      { artifact, written: { path: artifact.path, absolutePath: `/virtual/run/${artifact.path}`, sizeBytes: 27 } },
    ],
    checks: [{ path: artifact.path, verdict: { status: 'passed', checks: ['kept'], diagnostics: [] } }],
  };
}

describe('createExecutor — completed sub-tasks and hooks', () => {
  it('never re-runs a completed sub-task and feeds its artifacts and checks to the rest', async () => {
    const ran: string[] = [];
    const inputs = new Map<string, string[]>();
    const behaviour: FakeBehaviour = (input: AgentRunInput, signal) => {
      ran.push(input.subtask.id);
      inputs.set(
        input.subtask.id,
        input.inputs.map((a) => a.content),
      );
      return succeed(input, signal);
    };
    const result = await executor(behaviour).run(fullStackPlan(), {
      request: 'r',
      writer: memoryWriter(),
      completed: [doneContract()],
    });
    expect(ran).not.toContain('api-contract');
    expect(ran).toHaveLength(4);
    expect(inputs.get('ui-components')).toEqual(['contract from the first run']);
    expect(result.subtasks.find((s) => s.id === 'api-contract')).toMatchObject({ status: 'succeeded', duration_ms: 7 });
    expect(result.checks.get('out/api-contract.txt')?.checks).toEqual(['kept']);
    expect(result.artifacts.map((a) => a.written.path)).toContain('out/api-contract.txt');
  });

  it('awaits the started and finished hooks in order, before the progress of each sub-task', async () => {
    const log: string[] = [];
    await executor(succeed).run(fullStackPlan(), {
      request: 'r',
      writer: memoryWriter(),
      hooks: {
        onSubtaskStarted: async ({ subtask }) => {
          await Promise.resolve();
          log.push(`start ${subtask.id}`);
        },
        onSubtaskFinished: async ({ result, outputs }) => {
          await Promise.resolve();
          log.push(`finish ${result.id} ${outputs.length}`);
        },
      },
      onProgress: (event: ProgressEvent) => log.push(`progress ${event.message}`),
    });
    expect(log.slice(0, 3)).toEqual([
      'start api-contract',
      'finish api-contract 1',
      'progress 1/5 backend: api-contract succeeded',
    ]);
    for (const { id } of fullStackPlan().subtasks) {
      const started = log.indexOf(`start ${id}`);
      const finished = log.indexOf(`finish ${id} 1`);
      const reported = log.findIndex((line) => line.startsWith('progress ') && line.endsWith(` ${id} succeeded`));
      expect(started).toBeGreaterThanOrEqual(0);
      expect(finished).toBeGreaterThan(started);
      expect(reported).toBeGreaterThan(finished);
    }
  });

  it('keeps running when a hook throws', async () => {
    const result = await executor(succeed).run(fullStackPlan(), {
      request: 'r',
      writer: memoryWriter(),
      hooks: { onSubtaskFinished: () => Promise.reject(new Error('store down')) },
    });
    expect(result.subtasks.every((s) => s.status === 'succeeded')).toBe(true);
  });
});

describe('createOrchestrator — a given plan, a resume and the task id', () => {
  it('skips planning for options.plan, starts progress at the kept count and tells observers the task id', async () => {
    const events: RunFinishedEvent[] = [];
    const progress: ProgressEvent[] = [];
    const orchestrator = createOrchestrator({
      planner: { plan: () => Promise.reject(new Error('must not plan')) },
      executor: executor(succeed),
      createWriter: () => Promise.resolve(memoryWriter()),
      inlineArtifactMaxBytes: 4_096,
      observers: [{ name: 'test', runFinished: (event) => Promise.resolve(void events.push(event)) }],
    });
    const result = await orchestrator.orchestrate(
      { task: 'Build it.' },
      {
        plan: fullStackPlan(),
        completed: [doneContract()],
        taskId: 'task-1',
        writer: memoryWriter(),
        onProgress: (e) => progress.push(e),
      },
    );
    expect(result.status).toBe('succeeded');
    expect(progress[0]).toMatchObject({
      completed: 1,
      total: 5,
      message: 'resuming: 1 of 5 sub-tasks already succeeded',
    });
    expect(progress.map((p) => p.completed)).toEqual([1, 2, 3, 4, 5]);
    expect(events).toHaveLength(1);
    expect(events[0]?.task_id).toBe('task-1');
  });
});
