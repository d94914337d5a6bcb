import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/contracts/plan.js';
import type { ProgressEvent } from '../../../src/contracts/run.js';
import type { TaskOwner, TaskStore } from '../../../src/contracts/task.js';
import type { TaskService } from '../../../src/contracts/task-view.js';
import { createExecutor } from '../../../src/orchestrator/executor.js';
import { createOrchestrator } from '../../../src/orchestrator/orchestrator.js';
import { toOwnerState } from '../../../src/orchestrator/task-owner.js';
import { createTaskService } from '../../../src/orchestrator/task-service.js';
import { openTaskStore } from '../../../src/store/open-task-store.js';
import { createWorkspaceWriter } from '../../../src/store/workspace-writer.js';
import { sampleTaskChange } from '../../support/task-records.js';
import { agentsWith, artifactFor, fullStackPlan, succeed, untilAborted, type FakeBehaviour } from './fakes.js';

const REQUEST = { task: 'Build the invoice feature.' };

/** A gate a fake agent waits on; `started` resolves when the agent began. */
function gate() {
  let open!: () => void;
  let began!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const started = new Promise<void>((resolve) => (began = resolve));
  return { open, opened, started, began };
}

describe('task service', () => {
  let dir: string;
  let store: TaskStore;
  const services: TaskService[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-task-service-'));
    store = await openTaskStore({ dataDir: join(dir, 'data') });
  });
  afterEach(async () => {
    await Promise.all(services.splice(0).map((s) => s.dispose()));
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  function service(
    behaviour: FakeBehaviour,
    overrides: Parameters<typeof agentsWith>[1] = {},
    plan: Plan = fullStackPlan(),
  ) {
    const orchestrator = createOrchestrator({
      planner: { plan: () => Promise.resolve(plan) },
      executor: createExecutor({
        agents: agentsWith(behaviour, overrides),
        maxConcurrent: 2,
        subtaskTimeoutMs: 10_000,
      }),
      createWriter: (root) => Promise.resolve(createWorkspaceWriter(root)),
      inlineArtifactMaxBytes: 4_096,
    });
    const created = createTaskService({
      store: Promise.resolve(store),
      orchestrator,
      planner: { plan: () => Promise.resolve(plan) },
      createWriter: (root) => Promise.resolve(createWorkspaceWriter(root)),
      workspace: join(dir, 'ws'),
      inlineArtifactMaxBytes: 4_096,
    });
    services.push(created);
    return created;
  }

  it('commits every sub-task state before its progress is reported, then the final result', async () => {
    const tasks = service(succeed);
    const id = await tasks.start(REQUEST);
    const seenAtProgress: Array<{ event: ProgressEvent; statuses: string[] }> = [];
    const reads: Array<Promise<void>> = [];
    await tasks.wait(id, {
      timeoutMs: 30_000,
      onProgress: (event) =>
        reads.push(
          store.getSubtasks(id).then((s) => void seenAtProgress.push({ event, statuses: s.map((x) => x.status) })),
        ),
    });
    await Promise.all(reads);
    for (const { event, statuses } of seenAtProgress) {
      expect(statuses.filter((s) => s === 'succeeded').length).toBeGreaterThanOrEqual(event.completed);
    }
    const view = await tasks.view(id);
    expect(view).toMatchObject({ task_id: id, status: 'succeeded', attempts: 1, artifacts_total: 5 });
    expect(view.subtasks?.every((s) => s.status === 'succeeded' && s.attempt === 1 && s.started_at !== null)).toBe(
      true,
    );
    expect(
      view.artifacts?.every((a) => a.content?.startsWith('made by') && a.resource_uri.startsWith(`task://${id}/`)),
    ).toBe(true);
    expect(view.report).toContain(`# Task ${id}`);
    const events = (await store.listEvents(id, 100)).map((e) => e.type);
    expect(events[0]).toBe('task:created');
    expect(events.at(-1)).toBe('task:finished');
    expect(events.filter((e) => e === 'subtask:started')).toHaveLength(5);
    expect((await store.getTask(id))?.owner).toBeNull();
  });

  it('cancels a running task: the running agent sees the abort, finished work is kept, the rest is skipped', async () => {
    const g = gate();
    let sawAbort = false;
    const tasks = service(succeed, {
      frontend: async (input, signal) => {
        g.began();
        await untilAborted(signal).catch(() => (sawAbort = signal?.aborted === true));
        return { summary: 'never', artifacts: [artifactFor(input.subtask)] };
      },
    });
    const id = await tasks.start(REQUEST);
    await g.started;
    expect((await tasks.view(id, { include: [] })).status).toBe('running');
    const [first, second] = await Promise.all([tasks.cancel(id), tasks.cancel(id)]);
    expect([first, second]).toEqual(['cancelled', 'not_running']);
    expect(sawAbort).toBe(true);
    const view = await tasks.view(id);
    const status = Object.fromEntries((view.subtasks ?? []).map((s) => [s.id, s.status]));
    expect(view.status).toBe('cancelled');
    expect(status['api-contract']).toBe('succeeded');
    expect(status['ui-components']).toBe('cancelled');
    expect(status['containerize']).toBe('skipped');
    expect(view.artifacts?.map((a) => a.path)).toContain('out/api-contract.txt');
  });

  it('resumes only what did not succeed, and re-runs a kept sub-task whose artifact changed on disk', async () => {
    const calls = new Map<string, number>();
    let failUi = true;
    const counting: FakeBehaviour = (input, signal) => {
      calls.set(input.subtask.id, (calls.get(input.subtask.id) ?? 0) + 1);
      return succeed(input, signal);
    };
    const tasks = service(counting, {
      frontend: (input, signal) => {
        calls.set(input.subtask.id, (calls.get(input.subtask.id) ?? 0) + 1);
        return failUi ? Promise.reject(new Error('ui exploded')) : succeed(input, signal);
      },
    });
    const id = await tasks.start(REQUEST);
    await tasks.wait(id, { timeoutMs: 30_000 });
    expect((await tasks.view(id, { include: [] })).status).toBe('partial');
    failUi = false;
    const implementation = (await store.getArtifact(id, 'out/api-implementation.txt'))?.absolute_path ?? '';
    await writeFile(implementation, 'edited by hand');
    await tasks.resume(id);
    await tasks.wait(id, { timeoutMs: 30_000 });
    const view = await tasks.view(id);
    expect(view).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(Object.fromEntries(calls)).toEqual({
      'api-contract': 1,
      'api-implementation': 2,
      'ui-components': 2,
      containerize: 1,
      'quality-checks': 1,
    });
    const attempts = Object.fromEntries((view.subtasks ?? []).map((s) => [s.id, s.attempt]));
    expect(attempts['api-contract']).toBe(1);
    expect(attempts['ui-components']).toBe(2);
    expect(view.artifacts?.find((a) => a.path === 'out/api-implementation.txt')?.content).toBe(
      'made by api-implementation',
    );
    await expect(tasks.resume(id)).rejects.toMatchObject({ code: 'task_state' });
  });

  it('marks its running tasks interrupted on dispose, keeping finished sub-tasks, and a new instance resumes them', async () => {
    const g = gate();
    const first = service(succeed, {
      frontend: async (_input, signal) => {
        g.began();
        return untilAborted(signal);
      },
    });
    const id = await first.start(REQUEST);
    await g.started;
    await first.dispose();
    await expect(first.start(REQUEST)).rejects.toMatchObject({ code: 'cancelled' });
    const second = service(succeed);
    const view = await second.view(id);
    const status = Object.fromEntries((view.subtasks ?? []).map((s) => [s.id, s.status]));
    expect(view.status).toBe('interrupted');
    expect(status).toMatchObject({
      'api-contract': 'succeeded',
      'ui-components': 'interrupted',
      containerize: 'pending',
    });
    await second.resume(id);
    await second.wait(id, { timeoutMs: 30_000 });
    expect((await second.view(id, { include: [] })).status).toBe('succeeded');
  });

  it('on start, marks tasks of a dead process interrupted and leaves those of a live one running', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999;
    const owner = (pid: number): TaskOwner => ({
      instance_id: randomUUID(),
      pid,
      hostname: hostname(),
      started_at: '',
    });
    const dead = sampleTaskChange({ status: 'running' });
    const alive = sampleTaskChange({ status: 'running' });
    const deadSubtasks = (dead.subtasks ?? []).map(
      (s, i) => ({ ...s, status: i === 0 ? 'succeeded' : i === 1 ? 'running' : 'pending' }) as const,
    );
    await store.write({ ...dead, task: { ...dead.task, owner: owner(deadPid) }, subtasks: deadSubtasks });
    await store.write({ ...alive, task: { ...alive.task, owner: owner(process.ppid) } });
    const tasks = service(succeed);
    const deadView = await tasks.view(dead.task.id);
    expect(deadView.status).toBe('interrupted');
    expect(deadView.subtasks?.map((s) => s.status)).toEqual([
      'succeeded',
      'interrupted',
      'pending',
      'pending',
      'pending',
    ]);
    const aliveView = await tasks.view(alive.task.id);
    expect(aliveView).toMatchObject({ status: 'running', running_elsewhere: { pid: process.ppid } });
    await expect(tasks.cancel(alive.task.id)).rejects.toMatchObject({ code: 'task_state' });
    await expect(tasks.resume(alive.task.id)).rejects.toMatchObject({ code: 'task_state' });
  });

  it.each([
    ['not-a-uuid', 'invalid_input'],
    [randomUUID(), 'task_not_found'],
  ])('refuses the task id %s with %s', async (id, code) => {
    const tasks = service(succeed);
    for (const call of [() => tasks.view(id), () => tasks.cancel(id), () => tasks.resume(id), () => tasks.report(id)]) {
      await expect(call()).rejects.toMatchObject({ code });
    }
  });
});

describe('toOwnerState', () => {
  const self: TaskOwner = { instance_id: 'me', pid: 100, hostname: 'h', started_at: '' };
  it.each([
    [null, 'gone'],
    [{ ...self }, 'self'],
    [{ ...self, instance_id: 'other', hostname: 'elsewhere' }, 'unknown'],
    [{ ...self, instance_id: 'earlier' }, 'gone'],
    [{ ...self, instance_id: 'other', pid: 200 }, 'alive'],
    [{ ...self, instance_id: 'other', pid: 300 }, 'gone'],
  ] as const)('classifies %j as %s', (owner, expected) => {
    expect(toOwnerState(owner, self, (pid) => pid === 200)).toBe(expected);
  });
});
