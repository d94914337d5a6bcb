import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskList, TaskView } from '../../src/contracts/task-view.js';

const CLI = join(import.meta.dirname, '../../dist/src/bin/cli.js');
const TASK =
  'Build a REST API and React UI to manage invoices with amount, due date and paid flag. Add a Dockerfile and a GitHub Actions CI pipeline.';

interface RpcMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: { structuredContent?: unknown; isError?: boolean };
}

/** The built server over stdio, spoken to in raw JSON-RPC lines. */
function startServer(args: string[]) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pending = new Map<number, (m: RpcMessage) => void>();
  const notifications: Array<(m: RpcMessage) => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const msg = JSON.parse(line) as RpcMessage;
    if (msg.id !== undefined && !msg.method) pending.get(msg.id)?.(msg);
    else for (const listener of notifications) listener(msg);
  });
  let nextId = 1;
  const send = (msg: Record<string, unknown>): void =>
    void child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);
  const request = (method: string, params: Record<string, unknown>): Promise<RpcMessage> => {
    const id = nextId++;
    send({ id, method, params });
    return new Promise((resolve) => pending.set(id, resolve));
  };
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('close', (code, signal) => resolve(signal ?? code)),
  );
  return {
    child,
    exited,
    request,
    onNotification: (listener: (m: RpcMessage) => void) => notifications.push(listener),
    async initialize() {
      await request('initialize', {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'restart-test', version: '1.0.0' },
      });
      send({ method: 'notifications/initialized' });
    },
    callTool: async (name: string, args: Record<string, unknown>, meta?: Record<string, unknown>) =>
      (await request('tools/call', { name, arguments: args, ...(meta ? { _meta: meta } : {}) })).result,
  };
}

describe('a task survives SIGKILL of the built server', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-restart-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'is interrupted with its finished sub-tasks intact after a restart, and resume_task completes it',
    { timeout: 180_000 },
    async () => {
      expect(existsSync(CLI), 'run `npm run build` first (npm test does)').toBe(true);
      const args = ['--data-dir', join(dir, 'data'), '--workspace', join(dir, 'ws'), '--log-level', 'warn'];
      const first = startServer(args);
      await first.initialize();
      // Kill the moment the first sub-task is reported finished: its state was committed before the report.
      const firstReport = new Promise<string>((resolve) =>
        first.onNotification((msg) => {
          const progress = msg.params?.progress;
          if (msg.method === 'notifications/progress' && typeof progress === 'number' && progress >= 1) {
            first.child.kill('SIGKILL');
            resolve(String(msg.params?.message));
          }
        }),
      );
      void first.callTool('orchestrate_task', { task: TASK, wait_ms: 50_000 }, { progressToken: 'run-1' });
      const message = await firstReport;
      expect(await first.exited).toBe('SIGKILL');
      const reported = /^\d+\/\d+ \w+: ([a-z0-9-]+) succeeded/.exec(message)?.[1];
      expect(reported, message).toBeDefined();

      const second = startServer(args);
      await second.initialize();
      const list = (await second.callTool('list_tasks', {}))?.structuredContent as TaskList;
      expect(list.tasks).toHaveLength(1);
      const taskId = list.tasks[0]?.task_id ?? '';
      const view = (await second.callTool('get_task', { task_id: taskId }))?.structuredContent as TaskView;
      expect(view.status).toBe('interrupted');
      const before = new Map((view.subtasks ?? []).map((s) => [s.id, s]));
      const kept = [...before.values()].filter((s) => s.status === 'succeeded');
      expect(kept.map((s) => s.id)).toContain(reported);
      expect(kept.length).toBeLessThan(before.size);
      for (const s of before.values()) expect(['succeeded', 'interrupted', 'pending']).toContain(s.status);
      for (const s of kept)
        for (const path of s.artifacts) expect((await stat(join(view.workspace, path))).isFile()).toBe(true);

      const resumed = (await second.callTool('resume_task', { task_id: taskId, wait_ms: 50_000 }))
        ?.structuredContent as TaskView;
      const done =
        resumed.status === 'running'
          ? ((await second.callTool('get_task', { task_id: taskId, wait_ms: 50_000 }))?.structuredContent as TaskView)
          : resumed;
      expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
      for (const s of done.subtasks ?? []) {
        const earlier = before.get(s.id);
        if (earlier?.status === 'succeeded')
          expect(s).toMatchObject({ attempt: 1, started_at: earlier.started_at, finished_at: earlier.finished_at });
        else expect(s).toMatchObject({ status: 'succeeded', attempt: 2 });
      }
      second.child.stdin.end();
      expect(await second.exited).toBe(0);
    },
  );
});
