import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskView } from '../../src/contracts/task-view.js';
import { readRecorded, recordingEntry } from '../support/downstream-fixtures.js';
import { connectInMemory, type InMemorySession } from '../support/in-memory.js';

const TASK = 'Build a REST API to manage invoices with amount, due date and paid flag. Add a Dockerfile.';

describe('cancel_task with a downstream server configured', () => {
  let dir: string;
  let session: InMemorySession | undefined;
  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'moc-task-cancel-ds-')));
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('stops the running sub-task and cancels its downstream write in flight, observed at the server', async () => {
    const fsRoot = join(dir, 'fixture-root');
    const log = join(dir, 'events.jsonl');
    await mkdir(fsRoot);
    session = await connectInMemory({
      config: {
        workspace: join(dir, 'local'),
        mcpServers: { fs: recordingEntry({ FIXTURE_LOG: log, FIXTURE_ROOT: fsRoot, FIXTURE_BLOCK_WRITES: '1' }) },
      },
    });
    const { client } = session;
    const started = await client.callTool({ name: 'orchestrate_task', arguments: { task: TASK, wait_ms: 0 } });
    const { task_id, status } = started.structuredContent as TaskView;
    expect(status).toBe('running');
    // The downstream write blocks until cancelled: wait until the server has seen it.
    await vi.waitFor(async () => expect((await readRecorded(log)).some((e) => e.tool === 'write_file')).toBe(true), {
      timeout: 30_000,
    });
    const cancelled = await client.callTool({ name: 'cancel_task', arguments: { task_id } });
    const view = cancelled.structuredContent as TaskView & { cancel: string };
    expect(view).toMatchObject({ cancel: 'cancelled', status: 'cancelled' });
    expect(view.subtasks?.some((s) => s.status === 'cancelled')).toBe(true);
    expect(view.subtasks?.every((s) => s.status !== 'running' && s.status !== 'pending')).toBe(true);
    await vi.waitFor(async () => {
      const events = await readRecorded(log);
      const calls = events.filter((e) => e.event === 'call' && e.tool === 'write_file').map((e) => e.id);
      const aborted = events.filter((e) => e.event === 'cancelled' && e.tool === 'write_file').map((e) => e.id);
      expect(calls.length).toBeGreaterThan(0);
      expect(aborted.sort()).toEqual(calls.sort());
    });
  });
});
