import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendAgent, createDevopsAgent, createFrontendAgent, createQualityAgent } from '../../agents/index.js';
import type { Agent } from '../../src/contracts/agent.js';
import type { Artifact } from '../../src/contracts/artifact.js';
import type { AgentKind, Plan } from '../../src/contracts/plan.js';
import { connectInMemory, type InMemorySession } from '../support/in-memory.js';

interface Ready {
  id: string;
  agent: AgentKind;
  title: string;
  instructions: string;
}
interface Submitted {
  accepted: boolean;
  subtask_status: string;
  status: string;
  completed: number;
  total: number;
  message: string;
  ready_subtasks: Ready[];
  checks: Array<{ path: string; verdict: { status: string; diagnostics: Array<{ code?: string; severity: string }> } }>;
}

const TASK = 'Build a REST API and a React page to manage tasks with a title and a due date, with tests.';

describe('delegate mode: the host writes the files, this server plans and checks them', () => {
  let session: InMemorySession;
  let workspace: string;
  // The "host model": here the deterministic agents stand in for the calling agent's own model.
  const host: Record<AgentKind, Agent> = {
    frontend: createFrontendAgent(),
    backend: createBackendAgent(),
    devops: createDevopsAgent(),
    // the host only writes the quality files; checking them is this server's job, so its own checker is a no-op
    quality: createQualityAgent({
      checker: {
        checks: [],
        check: (artifacts) =>
          Promise.resolve(
            new Map(artifacts.map((a) => [a.path, { status: 'unchecked' as const, checks: [], diagnostics: [] }])),
          ),
      },
    }),
  };

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'moc-delegate-'));
    session = await connectInMemory({ config: { workspace } });
  });
  afterAll(async () => {
    await session.close();
    await rm(workspace, { recursive: true, force: true });
  });

  async function submit(args: Record<string, unknown>): Promise<Submitted> {
    const result = await session.client.callTool({ name: 'submit_subtask_result', arguments: args });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    return result.structuredContent as Submitted;
  }

  it('runs a round trip to completion, reporting a failing check back to the host', async () => {
    const started = await session.client.callTool({
      name: 'orchestrate_task',
      arguments: { task: TASK, mode: 'delegate' },
    });
    expect(started.isError).toBeFalsy();
    const start = started.structuredContent as {
      mode: string;
      task_id: string;
      plan: Plan;
      workspace: string;
      ready_subtasks: Ready[];
    };
    expect(start.mode).toBe('delegate');
    expect(start.task_id).toMatch(/^dlg-/);
    expect(start.workspace.startsWith(workspace)).toBe(true);
    expect(start.ready_subtasks.map((r) => r.id)).toEqual(
      start.plan.subtasks.filter((s) => s.depends_on.length === 0).map((s) => s.id),
    );
    expect(start.ready_subtasks[0]?.instructions).toMatch(/Act as the \w+ agent of delegated task dlg-/);
    expect(start.ready_subtasks[0]?.instructions).toContain('submit_subtask_result');

    const written = new Map<string, Artifact[]>();
    let ready = start.ready_subtasks;
    let last: Submitted | undefined;
    let brokeOnce = false;
    for (let round = 0; ready.length > 0 && round < 20; round += 1) {
      const next = ready[0] as Ready;
      const subtask = start.plan.subtasks.find((s) => s.id === next.id);
      if (subtask === undefined) throw new Error(`unknown sub-task ${next.id}`);
      const inputs = subtask.depends_on.flatMap((d) => written.get(d) ?? []);
      const output = await host[subtask.agent].run({ subtask, request: TASK, analysis: start.plan.analysis, inputs });
      const artifacts = output.artifacts.map(({ path, language, kind, content }) => ({
        path,
        language,
        kind,
        content,
      }));
      const script = artifacts.findIndex((a) => a.language === 'typescript');
      if (!brokeOnce && script >= 0) {
        brokeOnce = true;
        const broken = artifacts.map((a, i) =>
          i === script ? { ...a, content: `${a.content}\nexport const oops: number = 'not a number';\n` } : a,
        );
        const rejected = await submit({
          task_id: start.task_id,
          subtask_id: next.id,
          summary: 'first try',
          artifacts: broken,
        });
        expect(rejected).toMatchObject({ accepted: false, subtask_status: 'failed', status: 'running' });
        expect(rejected.message).toMatch(/failed their checks .* submit again/);
        const failedCheck = rejected.checks.find((c) => c.verdict.status === 'failed');
        expect(failedCheck?.path).toBe(broken[script]?.path);
        expect(failedCheck?.verdict.diagnostics.map((d) => d.code)).toContain('TS2322');
        expect(rejected.ready_subtasks.map((r) => r.id)).toContain(next.id);
      }
      last = await submit({ task_id: start.task_id, subtask_id: next.id, summary: output.summary, artifacts });
      expect(last.accepted, JSON.stringify(last.checks.filter((c) => c.verdict.status === 'failed'))).toBe(true);
      written.set(next.id, artifacts);
      ready = last.ready_subtasks;
    }
    expect(brokeOnce).toBe(true);
    expect(last).toMatchObject({
      status: 'succeeded',
      completed: start.plan.subtasks.length,
      total: start.plan.subtasks.length,
    });
    expect(last?.message).toContain('All');
    // the quality sub-task re-checked every file of the task
    const every = [...written.values()].flat().map((a) => a.path);
    expect(last?.checks.map((c) => c.path).sort()).toEqual([...new Set(every)].sort());
    const first = [...written.values()][0]?.[0];
    expect(await readFile(join(start.workspace, first?.path ?? ''), 'utf8')).toBe(first?.content);
  });

  it.each([
    [{ task_id: 'dlg-unknown', subtask_id: 'x', summary: 's' }, /No delegated task/],
    ['not-ready', /is not ready: .* must succeed first/],
    ['bad-path', /Input validation error|relative POSIX path|"\.\."/],
  ])('refuses %j with a hint', async (args, message) => {
    let payload: Record<string, unknown> = typeof args === 'object' ? args : {};
    if (typeof args === 'string') {
      const started = await session.client.callTool({
        name: 'orchestrate_task',
        arguments: { task: TASK, mode: 'delegate' },
      });
      const start = started.structuredContent as { task_id: string; plan: Plan };
      const blocked = start.plan.subtasks.find((s) => s.depends_on.length > 0);
      const root = start.plan.subtasks.find((s) => s.depends_on.length === 0);
      payload =
        args === 'not-ready'
          ? { task_id: start.task_id, subtask_id: blocked?.id, summary: 's' }
          : {
              task_id: start.task_id,
              subtask_id: root?.id,
              summary: 's',
              artifacts: [{ path: '../escape.ts', language: 'typescript', kind: 'source', content: '' }],
            };
    }
    const result = await session.client.callTool({ name: 'submit_subtask_result', arguments: payload });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(message);
  });
});
