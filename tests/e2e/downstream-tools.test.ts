import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectInMemory, type InMemorySession } from '../support/in-memory.js';
import { EVERYTHING_SERVER, readRecorded, recordingEntry } from '../support/downstream-fixtures.js';

interface Match {
  server: string;
  tool: string;
  score: number;
  input_schema: { type?: string; properties?: Record<string, unknown> };
}

const textOf = (r: { content?: unknown }): string =>
  ((r.content as Array<{ type: string; text?: string }> | undefined) ?? []).map((c) => c.text ?? '').join('\n');

describe('find_tools, call_tool, list_capabilities and get_system_status with downstream servers', () => {
  let dir: string;
  let log: string;
  let session: InMemorySession;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-dst-'));
    log = join(dir, 'events.jsonl');
    session = await connectInMemory({
      config: {
        workspace: join(dir, 'ws'),
        mcpServers: {
          rec: recordingEntry({ FIXTURE_LOG: log }),
          everything: { command: process.execPath, args: [EVERYTHING_SERVER, 'stdio'] },
          backendOnly: recordingEntry({}, { agents: ['backend'] }),
          broken: { comand: 'typo' },
        },
      },
    });
  });
  afterEach(async () => {
    await session.close();
    await rm(dir, { recursive: true, force: true });
  });

  const call = (name: string, args: Record<string, unknown>) => session.client.callTool({ name, arguments: args });

  it('find_tools ranks matching tools across servers with their input schemas', async () => {
    const result = await call('find_tools', { query: 'echo message', limit: 5 });
    expect(result.isError).toBeFalsy();
    const out = result.structuredContent as { matches: Match[]; searched_servers: string[]; searched_tools: number };
    expect(out.searched_servers.sort()).toEqual(['everything', 'rec']); // backendOnly is not the client's
    expect(out.matches.slice(0, 2).map((m) => m.tool)).toEqual(['echo', 'echo']);
    expect(out.matches[0]?.input_schema.properties).toHaveProperty('message');
    expect(out.searched_tools).toBeGreaterThan(15);
    expect(textOf(result)).toMatch(/echo/);
  });

  it('call_tool returns the downstream result verbatim, and tool errors as isError', async () => {
    const echo = await call('call_tool', { server: 'everything', tool: 'echo', arguments: { message: 'hi' } });
    expect(echo.isError).toBeFalsy();
    expect(echo.content).toEqual([{ type: 'text', text: 'Echo: hi' }]);
    expect(echo.structuredContent).toMatchObject({ answered_by: 'everything', is_error: false, attempts: 1 });
    const failed = await call('call_tool', { server: 'rec', tool: 'fail', arguments: {} });
    expect(failed.isError).toBe(true);
    expect(failed.content).toEqual([{ type: 'text', text: 'this tool always fails' }]);
  });

  it.each([
    [
      { server: 'nope', tool: 'echo' },
      'unknown_server',
      /Unknown downstream server "nope"\. Use one of: rec, everything/,
    ],
    [{ server: 'rec', tool: 'nope' }, 'unknown_tool', /Its tools: echo/],
    [{ server: 'backendOnly', tool: 'echo' }, 'downstream_forbidden', /allow-list is: backend/],
  ])('call_tool refuses %j with code %s and a hint', async (args, code, hint) => {
    const result = await call('call_tool', args);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ code });
    expect(textOf(result)).toMatch(hint);
  });

  it('cancelling call_tool cancels the downstream request, observed at the server', async () => {
    const controller = new AbortController();
    const pending = session.client.callTool(
      { name: 'call_tool', arguments: { server: 'rec', tool: 'slow', arguments: { steps: 10_000, step_ms: 20 } } },
      { signal: controller.signal },
    );
    await vi.waitFor(async () => expect((await readRecorded(log)).some((e) => e.tool === 'slow')).toBe(true));
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(async () =>
      expect((await readRecorded(log)).some((e) => e.event === 'cancelled' && e.tool === 'slow')).toBe(true),
    );
  });

  it('call_tool forwards downstream progress to the client', async () => {
    const progress: Array<[number, number | undefined]> = [];
    const result = await session.client.callTool(
      { name: 'call_tool', arguments: { server: 'rec', tool: 'slow', arguments: { steps: 3, step_ms: 5 } } },
      { onprogress: (p) => progress.push([p.progress, p.total]) },
    );
    expect(result.content).toEqual([{ type: 'text', text: 'done after 3 steps' }]);
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('list_capabilities lists each server with its state, tools and allow-list; bad entries name the field', async () => {
    const result = await call('list_capabilities', {});
    const servers = (result.structuredContent as { downstream_servers: Array<Record<string, unknown>> })
      .downstream_servers;
    expect(servers.map((s) => [s.name, s.state])).toEqual([
      ['rec', 'connected'],
      ['everything', 'connected'],
      ['backendOnly', 'connected'],
      ['broken', 'invalid'],
    ]);
    expect(servers[1]?.tools).toEqual(expect.arrayContaining(['echo', 'trigger-long-running-operation']));
    expect(servers[2]?.agents).toEqual(['backend']);
    expect(servers[3]?.error).toMatch(/^mcpServers\.broken\.comand: unknown key; mcpServers\.broken\.command: /);
    expect(textOf(result)).toMatch(/downstream servers: rec \(connected, \d+ tools\)/);
  });

  it('get_system_status reports measured per-server figures', async () => {
    for (const message of ['a', 'b', 'c'])
      await call('call_tool', { server: 'rec', tool: 'echo', arguments: { message } });
    const result = await call('get_system_status', {});
    const figures = (result.structuredContent as { downstream: Array<Record<string, unknown>> }).downstream;
    const rec = figures.find((f) => f.name === 'rec');
    expect(rec).toMatchObject({ state: 'connected', breaker: 'closed', calls: 3, errors: 0, live_processes: 1 });
    expect(rec?.p50_ms).toBeGreaterThan(0);
    expect(rec?.p95_ms).toBeGreaterThanOrEqual(rec?.p50_ms as number);
    expect(figures.find((f) => f.name === 'everything')).toMatchObject({ state: 'idle', calls: 0, live_processes: 0 });
    expect(textOf(result)).toMatch(/downstream rec: connected, breaker closed, 3 calls/);
  });
});
