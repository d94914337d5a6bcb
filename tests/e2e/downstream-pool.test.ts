import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DownstreamProgress } from '../../src/contracts/downstream.js';
import { DownstreamError } from '../../src/downstream/errors.js';
import { createDownstreamPool, type DownstreamPoolHandle } from '../../src/downstream/pool.js';
import { listProcessGroup } from '../../src/downstream/process-tree.js';
import { readRecorded, RECORDING_SERVER, recordingEntry, waitForState } from '../support/downstream-fixtures.js';

const clientInfo = { name: 'downstream-test', version: '1.0.0' };

describe('downstream pool against the recording fixture server (real stdio processes)', () => {
  let dir: string;
  let log: string;
  let pool: DownstreamPoolHandle | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-ds-'));
    log = join(dir, 'events.jsonl');
  });
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  const open = (servers: Record<string, unknown>, extra: Partial<Parameters<typeof createDownstreamPool>[0]> = {}) => {
    pool = createDownstreamPool({ servers, clientInfo, ...extra });
    return pool;
  };

  it('connects lazily, calls a tool, and leaves no process after close', async () => {
    const p = open({ rec: recordingEntry({ FIXTURE_LOG: log }) });
    expect((await p.status())[0]).toMatchObject({ name: 'rec', state: 'idle', liveProcesses: 0, tools: [] });
    const result = await p.access('client').callTool('rec', 'echo', { message: 'hi' });
    expect(result).toMatchObject({ server: 'rec', isError: false, attempts: 1, cached: false });
    expect(result.content).toEqual([{ type: 'text', text: 'Echo: hi' }]);
    const [status] = await p.status();
    expect(status).toMatchObject({ state: 'connected', calls: 1, errors: 0, liveProcesses: 1 });
    expect(status?.tools).toEqual(expect.arrayContaining(['echo', 'count', 'slow']));
    const pid = status?.pid as number;
    await p.close();
    expect(await listProcessGroup(pid)).toEqual([]);
  });

  it('reports a spawn failure with the command and the PATH it searched', async () => {
    const p = open({ gone: { command: 'no-such-mcp-server-xyz', env: { PATH: '/nonexistent/bin' } } });
    const error = await p
      .access('client')
      .callTool('gone', 'echo', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownstreamError);
    expect((error as DownstreamError).message).toMatch(/"no-such-mcp-server-xyz" was not found \(ENOENT\)/);
    expect((error as DownstreamError).message).toContain('PATH="/nonexistent/bin"');
    expect((error as DownstreamError).hint).toMatch(/absolute path/);
    expect((await p.status())[0]).toMatchObject({ state: 'backoff', lastError: expect.stringContaining('ENOENT') });
  });

  it('keeps serving the valid entries when others are invalid, naming each bad field', async () => {
    const p = open({ rec: recordingEntry(), typo: { comand: 'x' }, remote: { url: 'ftp://nowhere' } });
    expect(p.problems.map((x) => `${x.server}:${x.field}`)).toEqual(
      expect.arrayContaining(['typo:comand', 'remote:url']),
    );
    expect((await p.access('client').callTool('rec', 'echo', { message: 'ok' })).isError).toBe(false);
    const states = Object.fromEntries((await p.status()).map((s) => [s.name, s.state]));
    expect(states).toEqual({ rec: 'connected', typo: 'invalid', remote: 'invalid' });
  });

  it('reconnects with backoff after the process is killed, and counts the restart', async () => {
    const p = open({ rec: recordingEntry() }, { timing: { backoffBaseMs: 50 } });
    const access = p.access('client');
    await access.callTool('rec', 'echo', { message: 'before' });
    const pid = (await p.status())[0]?.pid as number;
    const reconnected = waitForState(p, 'rec', 'connected');
    const backoff = waitForState(p, 'rec', 'backoff');
    process.kill(-pid, 'SIGKILL');
    await backoff;
    await reconnected;
    const [status] = await p.status();
    expect(status?.pid).not.toBe(pid);
    expect(status?.restarts).toBe(1);
    expect(status?.lastError).toMatch(/process exited \(code none, signal SIGKILL\)/);
    expect((await access.callTool('rec', 'echo', { message: 'after' })).content).toEqual([
      { type: 'text', text: 'Echo: after' },
    ]);
    expect(await listProcessGroup(pid)).toEqual([]);
  });

  it('closes an idle connection and its processes after idle_timeout_ms', async () => {
    const p = open({ rec: recordingEntry({}, { idle_timeout_ms: 200 }) });
    const idle = waitForState(p, 'rec', 'idle');
    await p.access('client').callTool('rec', 'echo', { message: 'x' });
    const pid = (await p.status())[0]?.pid as number;
    await idle;
    await vi.waitFor(async () => expect(await listProcessGroup(pid)).toEqual([]));
    expect((await p.status())[0]).toMatchObject({ state: 'idle', liveProcesses: 0 });
    expect((await p.access('client').callTool('rec', 'echo', { message: 'again' })).isError).toBe(false);
  });

  it('kills the whole tree of a wrapper (sh → node → grandchild) on close', async () => {
    const script = `"${process.execPath}" "${RECORDING_SERVER}"; exit 0`; // `; exit 0`: sh forks instead of exec
    const p = open({ wrapped: { command: 'sh', args: ['-c', script], env: { FIXTURE_FORK: '1' } } });
    await p.access('client').callTool('wrapped', 'echo', { message: 'x' });
    const [status] = await p.status();
    expect(status?.liveProcesses).toBe(3); // sh, the server, its grandchild
    const members = await listProcessGroup(status?.pid as number);
    expect(members).toHaveLength(3);
    await p.close();
    expect(await listProcessGroup(status?.pid as number)).toEqual([]);
  });

  it('restarts a server whose process group exceeds max_processes', async () => {
    const script = `"${process.execPath}" "${RECORDING_SERVER}"; exit 0`;
    const p = open(
      { leaky: { command: 'sh', args: ['-c', script], env: { FIXTURE_FORK: '1' }, max_processes: 2 } },
      { timing: { healthIntervalMs: 100 } },
    );
    const recycled = new Promise<string>((resolve) =>
      p.events.on('state', (e) => {
        if (e.state === 'backoff' && e.error) resolve(e.error);
      }),
    );
    await p.access('client').callTool('leaky', 'echo', { message: 'x' });
    const pid = (await p.status())[0]?.pid as number;
    expect(await recycled).toBe('process cap: 3 live processes > max_processes 2');
    await vi.waitFor(async () => expect(await listProcessGroup(pid)).toEqual([]));
  });

  it('coalesces identical read-only calls in flight and caches results for cache_ttl_ms', async () => {
    const p = open({ rec: recordingEntry({ FIXTURE_LOG: log }, { cache_ttl_ms: 60_000 }) });
    const access = p.access('client');
    await access.callTool('rec', 'echo', { message: 'connect' }); // the tool list says `count` is read-only
    const args = { key: 'a', delay_ms: 150 };
    const [first, second] = await Promise.all([
      access.callTool('rec', 'count', args),
      access.callTool('rec', 'count', args),
    ]);
    expect(first.structuredContent).toEqual(second.structuredContent);
    expect([first.coalesced, second.coalesced].sort()).toEqual([false, true]);
    const third = await access.callTool('rec', 'count', { delay_ms: 150, key: 'a' });
    expect(third).toMatchObject({ cached: true, attempts: 0, structuredContent: first.structuredContent });
    const fresh = await access.callTool('rec', 'count', args, { fresh: true });
    expect(fresh.structuredContent).not.toEqual(first.structuredContent);
    expect((await readRecorded(log)).filter((e) => e.event === 'call' && e.tool === 'count')).toHaveLength(2);
    expect((await p.status())[0]).toMatchObject({ coalesced: 1, cacheHitRate: 0.333 }); // 1 hit, 2 misses
  });

  it('forwards downstream progress notifications as they arrive', async () => {
    const p = open({ rec: recordingEntry() });
    const seen: DownstreamProgress[] = [];
    const result = await p
      .access('client')
      .callTool('rec', 'slow', { steps: 3, step_ms: 10 }, { onProgress: (e) => seen.push(e) });
    expect(result.content).toEqual([{ type: 'text', text: 'done after 3 steps' }]);
    expect(seen.map((e) => [e.progress, e.total, e.message])).toEqual([
      [1, 3, 'step 1'],
      [2, 3, 'step 2'],
      [3, 3, 'step 3'],
    ]);
  });

  it('cancels the downstream request when the caller aborts (observed at the server)', async () => {
    const p = open({ rec: recordingEntry({ FIXTURE_LOG: log }) });
    const controller = new AbortController();
    const call = p
      .access('client')
      .callTool('rec', 'slow', { steps: 10_000, step_ms: 20 }, { signal: controller.signal });
    await vi.waitFor(async () => expect((await readRecorded(log)).some((e) => e.event === 'call')).toBe(true));
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'cancelled' });
    await vi.waitFor(async () =>
      expect((await readRecorded(log)).filter((e) => e.event === 'cancelled' && e.tool === 'slow')).toHaveLength(1),
    );
    expect((await p.status())[0]?.breaker).toBe('closed');
  });

  it('fails a call with a clear timeout error and cancels it downstream', async () => {
    const p = open({ rec: recordingEntry({ FIXTURE_LOG: log }, { timeout_ms: 300 }) });
    const error = await p
      .access('client')
      .callTool('rec', 'slow', { steps: 10_000, step_ms: 20 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'downstream_timeout', message: expect.stringContaining('300 ms') });
    await vi.waitFor(async () =>
      expect((await readRecorded(log)).some((e) => e.event === 'cancelled' && e.tool === 'slow')).toBe(true),
    );
  });

  it('lets a principal reach only the servers its allow-list names', async () => {
    const p = open({ open: recordingEntry(), backendOnly: recordingEntry({}, { agents: ['backend'] }) });
    expect(p.access('frontend').servers()).toEqual(['open']);
    expect(p.access('backend').servers()).toEqual(['open', 'backendOnly']);
    await expect(p.access('frontend').callTool('backendOnly', 'echo', { message: 'x' })).rejects.toMatchObject({
      code: 'downstream_forbidden',
    });
    await expect(p.access('client').callTool('nope', 'echo', {})).rejects.toMatchObject({ code: 'unknown_server' });
    await expect(p.access('client').callTool('open', 'nope', {})).rejects.toMatchObject({
      code: 'unknown_tool',
      hint: expect.stringContaining('echo'),
    });
    expect((await p.access('frontend').listTools()).every((t) => t.server === 'open')).toBe(true);
    expect((await p.access('backend').callTool('backendOnly', 'echo', { message: 'y' })).isError).toBe(false);
  });
});
