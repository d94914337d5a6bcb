import { mkdir, mkdtemp, readdir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectInMemory, type InMemorySession } from '../support/in-memory.js';
import { FILESYSTEM_SERVER, MEMORY_SERVER, readRecorded, recordingEntry } from '../support/downstream-fixtures.js';

const TASK = 'Build a REST API to manage invoices with amount, due date and paid flag. Add a Dockerfile.';

interface Orchestration {
  status: string;
  workspace: string;
  artifacts: Array<{ path: string; absolute_path: string; size_bytes: number }>;
  subtasks: Array<{ id: string }>;
}

describe('orchestrations through downstream servers', () => {
  let dir: string;
  let session: InMemorySession | undefined;
  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'moc-dso-')));
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it("writes artifacts into server-filesystem's root and records the decisions in server-memory", async () => {
    const fsRoot = join(dir, 'fs-root');
    const memoryFile = join(dir, 'memory.jsonl');
    await mkdir(fsRoot);
    session = await connectInMemory({
      config: {
        workspace: join(dir, 'local'),
        mcpServers: {
          filesystem: { command: process.execPath, args: [FILESYSTEM_SERVER, fsRoot] },
          memory: { command: process.execPath, args: [MEMORY_SERVER], env: { MEMORY_FILE_PATH: memoryFile } },
        },
      },
    });
    const result = await session.client.callTool({ name: 'orchestrate_task', arguments: { task: TASK } });
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as Orchestration;
    expect(out.workspace.startsWith(`${fsRoot}/run-`)).toBe(true);
    expect(out.artifacts.length).toBeGreaterThan(3);
    for (const artifact of out.artifacts) {
      expect(relative(out.workspace, artifact.absolute_path)).toBe(artifact.path);
      expect((await stat(artifact.absolute_path)).size).toBe(artifact.size_bytes);
    }
    const localRuns = await readdir(join(dir, 'local'));
    expect(localRuns).toHaveLength(1); // the local run folder exists (fallback root) and holds nothing
    expect(await readdir(join(dir, 'local', localRuns[0] as string))).toEqual([]);

    const graph = (await readFile(memoryFile, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; name?: string; entityType?: string; observations?: string[] });
    const run = graph.find((g) => g.entityType === 'orchestration_run');
    expect(run?.name).toMatch(/^run run-/);
    expect(run?.observations).toEqual(expect.arrayContaining([expect.stringMatching(/^request: Build a REST API/)]));
    expect(graph.filter((g) => g.entityType === 'subtask')).toHaveLength(out.subtasks.length);
    expect(graph.filter((g) => g.type === 'relation').length).toBeGreaterThanOrEqual(out.subtasks.length);

    const read = await session.client.callTool({
      name: 'call_tool',
      arguments: { server: 'memory', tool: 'search_nodes', arguments: { query: 'orchestration_run' } },
    });
    expect(JSON.stringify(read.structuredContent)).toContain(run?.name as string);
  });

  it('cancelling orchestrate_task cancels the downstream write in flight, observed at the server', async () => {
    const fsRoot = join(dir, 'fixture-root');
    const log = join(dir, 'events.jsonl');
    await mkdir(fsRoot);
    session = await connectInMemory({
      config: {
        workspace: join(dir, 'local'),
        mcpServers: { fs: recordingEntry({ FIXTURE_LOG: log, FIXTURE_ROOT: fsRoot, FIXTURE_BLOCK_WRITES: '1' }) },
      },
    });
    const controller = new AbortController();
    const pending = session.client.callTool(
      { name: 'orchestrate_task', arguments: { task: TASK } },
      { signal: controller.signal },
    );
    await vi.waitFor(async () => expect((await readRecorded(log)).some((e) => e.tool === 'write_file')).toBe(true), {
      timeout: 30_000,
    });
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(async () => {
      const events = await readRecorded(log);
      const started = events.filter((e) => e.event === 'call' && e.tool === 'write_file').map((e) => e.id);
      const cancelled = events.filter((e) => e.event === 'cancelled' && e.tool === 'write_file').map((e) => e.id);
      expect(started.length).toBeGreaterThan(0);
      expect(cancelled.sort()).toEqual(started.sort());
    });
  });
});
