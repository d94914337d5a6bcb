import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../src/contracts/agent.js';
import type { TaskView } from '../../src/contracts/task-view.js';
import { connectInMemory, type InMemorySession } from '../support/in-memory.js';
import { agentsWith, artifactFor, succeed, untilAborted, type FakeBehaviour } from '../unit/orchestrator/fakes.js';

const TASK =
  'Build a REST API and React UI to manage invoices with amount, due date and paid flag. Add a Dockerfile and a GitHub Actions CI pipeline.';

type Result = Awaited<ReturnType<Client['callTool']>>;
const structured = (r: Result): TaskView => r.structuredContent as TaskView;
const text = (r: Result): string => (r.content as Array<{ text?: string }>).map((c) => c.text ?? '').join('\n');

/** A quality agent that waits until `release()` (or, when `honourAbort`, until its signal aborts). */
function gatedQuality(options: { honourAbort: boolean }) {
  let release!: () => void;
  let began!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const started = new Promise<void>((resolve) => (began = resolve));
  const seen: { aborted: boolean; calls: number } = { aborted: false, calls: 0 };
  const behaviour: FakeBehaviour = async (input, signal) => {
    seen.calls += 1;
    if (seen.calls === 1) {
      began();
      if (options.honourAbort) {
        await untilAborted(signal).catch(() => (seen.aborted = signal?.aborted === true));
      } else await released;
    }
    return { summary: `checked ${input.inputs.length}`, artifacts: [artifactFor(input.subtask)] };
  };
  return { behaviour, release, started, seen };
}

function agents(quality: FakeBehaviour, others: FakeBehaviour = succeed): Agent[] {
  return [...agentsWith(others, { quality }).values()];
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<Result> {
  return client.callTool({ name, arguments: args });
}

/** Calls get_task with the longest wait until the task is no longer running. */
async function untilDone(client: Client, taskId: string, args: Record<string, unknown> = {}): Promise<Result> {
  for (;;) {
    const result = await call(client, 'get_task', { task_id: taskId, wait_ms: 50_000, ...args });
    if (structured(result).status !== 'running') return result;
  }
}

/** A result with run-specific values (ids, times, durations, paths) replaced, for comparing two runs. */
function normalise(view: TaskView): unknown {
  const json = JSON.stringify(view).replaceAll(view.workspace, '<workspace>').replaceAll(view.task_id, '<task>');
  return JSON.parse(json, (key, value: unknown) =>
    ['duration_ms', 'created_at', 'updated_at', 'finished_at', 'started_at'].includes(key) ? '<varies>' : value,
  );
}

describe('durable tasks through a real client (in-memory)', () => {
  let workspace: string;
  let sessions: InMemorySession[];
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'moc-tasks-e2e-'));
    sessions = [];
  });
  afterEach(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await rm(workspace, { recursive: true, force: true });
  });
  async function connect(options: Parameters<typeof connectInMemory>[0] = {}): Promise<Client> {
    const session = await connectInMemory({ ...options, config: { workspace, ...options.config } });
    sessions.push(session);
    return session.client;
  }

  it('returns a running handle when wait_ms expires; get_task then yields the same result as a waited run', async () => {
    const client = await connect();
    const waited = await call(client, 'orchestrate_task', { task: TASK, wait_ms: 50_000 });
    expect(waited.isError).toBeFalsy();
    const full = structured(waited);
    expect(full.status).toBe('succeeded');
    expect(full.task_id).toMatch(/^[0-9a-f-]{36}$/);
    const same = await call(client, 'get_task', { task_id: full.task_id, include: ['plan', 'subtasks', 'artifacts'] });
    expect(structured(same)).toEqual(full);

    const progress: number[] = [];
    const handle = await client.callTool(
      { name: 'orchestrate_task', arguments: { task: TASK, wait_ms: 0 } },
      { onprogress: (p) => progress.push(p.progress) },
    );
    const running = structured(handle);
    expect(running).toMatchObject({ status: 'running', progress: { total: full.plan?.subtasks.length } });
    expect(running.artifacts).toBeUndefined();
    expect(text(handle)).toContain(`get_task with task_id ${running.task_id}`);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    const done = await untilDone(client, running.task_id, { include: ['plan', 'subtasks', 'artifacts'] });
    expect(normalise(structured(done))).toEqual(normalise(full));
  });

  it('cancel_task stops the running sub-task (its agent sees the abort) and returns what finished', async () => {
    const gate = gatedQuality({ honourAbort: true });
    const client = await connect({ overrides: { agents: agents(gate.behaviour) } });
    const handle = structured(await call(client, 'orchestrate_task', { task: TASK, wait_ms: 0 }));
    await gate.started;
    const cancelled = await call(client, 'cancel_task', { task_id: handle.task_id });
    expect(cancelled.isError).toBeFalsy();
    const view = structured(cancelled) as TaskView & { cancel: string };
    expect(view.cancel).toBe('cancelled');
    expect(view.status).toBe('cancelled');
    expect(gate.seen.aborted).toBe(true);
    const quality = view.subtasks?.find((s) => s.agent === 'quality');
    expect(quality).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } });
    expect(view.subtasks?.filter((s) => s.status === 'succeeded')).toHaveLength((view.subtasks?.length ?? 0) - 1);
    expect(view.artifacts?.length).toBeGreaterThan(0);
    const again = structured(await call(client, 'cancel_task', { task_id: handle.task_id })) as TaskView & {
      cancel: string;
    };
    expect(again.cancel).toBe('not_running');

    const resumed = await call(client, 'resume_task', { task_id: handle.task_id, wait_ms: 50_000 });
    expect(structured(resumed)).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(gate.seen.calls).toBe(2);
    const attempts = structured(resumed).subtasks?.map((s) => [s.agent, s.attempt]);
    expect(attempts?.filter(([, a]) => a === 2)).toEqual([['quality', 2]]);
  });

  it('cancels the task when the client cancels orchestrate_task while it waits', async () => {
    const gate = gatedQuality({ honourAbort: true });
    const client = await connect({ overrides: { agents: agents(gate.behaviour) } });
    const controller = new AbortController();
    const pending = client.callTool(
      { name: 'orchestrate_task', arguments: { task: TASK, wait_ms: 50_000 } },
      { signal: controller.signal },
    );
    await gate.started;
    controller.abort();
    await expect(pending).rejects.toThrow();
    const listed = structured(await call(client, 'list_tasks', {})) as unknown as { tasks: Array<{ task_id: string }> };
    const taskId = listed.tasks[0]?.task_id ?? '';
    const final = structured(await untilDone(client, taskId));
    expect(final.status).toBe('cancelled');
    expect(gate.seen.aborted).toBe(true);
  });

  it('survives an app restart on the same data directory: interrupted, finished sub-tasks intact, resumed to completion', async () => {
    const dataDir = join(workspace, 'data');
    const gate = gatedQuality({ honourAbort: true });
    const first = await connectInMemory({
      config: { workspace, store: { data_dir: dataDir } as never },
      overrides: { agents: agents(gate.behaviour) },
    });
    const handle = structured(await call(first.client, 'orchestrate_task', { task: TASK, wait_ms: 0 }));
    await gate.started;
    await first.close();
    const client = await connect({ config: { store: { data_dir: dataDir } as never } });
    const view = structured(await call(client, 'get_task', { task_id: handle.task_id }));
    expect(view.status).toBe('interrupted');
    expect(view.subtasks?.find((s) => s.agent === 'quality')?.status).toBe('interrupted');
    expect(view.subtasks?.filter((s) => s.status === 'succeeded').length).toBe((view.subtasks?.length ?? 0) - 1);
    const listed = structured(await call(client, 'list_tasks', { status: 'interrupted' })) as unknown as {
      tasks: Array<{ task_id: string }>;
    };
    expect(listed.tasks.map((t) => t.task_id)).toEqual([handle.task_id]);
    const resumed = await call(client, 'resume_task', { task_id: handle.task_id, wait_ms: 50_000 });
    expect(structured(resumed).status).toBe('succeeded');
  });

  it.each([
    ['get_task', { task_id: 'task-1' }, /task_id must be the UUID/],
    ['cancel_task', { task_id: '' }, /task_id must be the UUID/],
    ['resume_task', { task_id: 42 }, /task_id/],
    ['get_task', { task_id: randomUUID() }, /No task with id .* is stored\. .*list_tasks/],
    ['cancel_task', { task_id: randomUUID() }, /No task with id/],
    ['resume_task', { task_id: randomUUID() }, /No task with id/],
    ['list_tasks', { cursor: 'garbage!' }, /cursor .* is not valid/],
  ])('%s refuses %j with a clear error', async (name, args, message) => {
    const client = await connect();
    const result = await call(client, name, args);
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(message);
  });

  it('serves concurrent get/cancel/resume on one task safely and ends in a consistent state', async () => {
    const gate = gatedQuality({ honourAbort: true });
    const client = await connect({ overrides: { agents: agents(gate.behaviour) } });
    const { task_id } = structured(await call(client, 'orchestrate_task', { task: TASK, wait_ms: 0 }));
    await gate.started;
    const names = ['get_task', 'cancel_task', 'resume_task', 'get_task', 'cancel_task', 'resume_task', 'get_task'];
    const results = await Promise.all(
      names.map((name) => call(client, name, { task_id, ...(name === 'resume_task' ? { wait_ms: 0 } : {}) })),
    );
    for (const result of results) {
      if (result.isError) expect((result.structuredContent as { code: string }).code).toBe('task_state');
      else expect(structured(result).task_id).toBe(task_id);
    }
    const final = structured(await untilDone(client, task_id));
    expect(['succeeded', 'cancelled']).toContain(final.status);
    expect(final.subtasks?.every((s) => !['running', 'pending'].includes(s.status))).toBe(true);
  });

  it('keeps get_task under the size cap with many large artifacts, paging them with a cursor', async () => {
    const many: FakeBehaviour = (input) =>
      Promise.resolve({
        summary: 'many files',
        artifacts: Array.from({ length: 60 }, (_, i) => ({
          path: `${input.subtask.id}/file-${i}.ts`,
          language: 'typescript' as const,
          kind: 'source' as const,
          content: `export const value${i} = ${JSON.stringify('x'.repeat(3_000))};\n`,
        })),
      });
    const client = await connect({ overrides: { agents: agents(many, many) } });
    const done = await call(client, 'orchestrate_task', { task: TASK, wait_ms: 50_000 });
    const view = structured(done);
    const total = view.artifacts_total ?? 0;
    expect(total).toBe((view.plan?.subtasks.length ?? 0) * 60);
    expect(JSON.stringify(done).length).toBeLessThan(60_000);
    const paths = new Set<string>();
    let cursor: string | null | undefined;
    do {
      const page = await call(client, 'get_task', {
        task_id: view.task_id,
        artifact_limit: 200,
        ...(cursor ? { artifact_cursor: cursor } : {}),
      });
      expect(JSON.stringify(page).length).toBeLessThan(60_000);
      for (const a of structured(page).artifacts ?? []) paths.add(a.path);
      cursor = structured(page).next_artifact_cursor;
    } while (cursor);
    expect(paths.size).toBe(total);
  });

  it('exposes tasks as resources: recent list, JSON, Markdown report, Mermaid graph and artifact files', async () => {
    const client = await connect({ overrides: { agents: agents(succeed) } });
    const { task_id } = structured(await call(client, 'orchestrate_task', { task: TASK, wait_ms: 50_000 }));
    const read = async (uri: string) =>
      (await client.readResource({ uri })).contents[0] as { text: string; mimeType?: string };
    expect(JSON.parse((await read('task://recent')).text)).toMatchObject({ tasks: [{ task_id, status: 'succeeded' }] });
    expect(JSON.parse((await read(`task://${task_id}`)).text)).toMatchObject({ task_id, status: 'succeeded' });
    const report = await read(`task://${task_id}/report`);
    expect(report.mimeType).toBe('text/markdown');
    expect(report.text).toContain(`# Task ${task_id}`);
    expect((await read(`task://${task_id}/graph`)).text).toMatch(/^graph TD/);
    const artifact = await read(`task://${task_id}/artifacts/out/api-contract.txt`);
    expect(artifact.text).toBe('made by api-contract');
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(expect.arrayContaining(['task://recent', `task://${task_id}`]));
    await expect(client.readResource({ uri: `task://${randomUUID()}/report` })).rejects.toThrow(/No task with id/);
    await expect(client.readResource({ uri: `task://${task_id}/artifacts/missing.txt` })).rejects.toThrow(
      /no artifact/,
    );
  });
});
