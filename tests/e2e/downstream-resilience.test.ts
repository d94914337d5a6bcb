import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDownstreamPool, type DownstreamPoolHandle } from '../../src/downstream/pool.js';
import { listChildProcesses, listProcessGroup } from '../../src/downstream/process-tree.js';
import {
  EVERYTHING_SERVER,
  RECORDING_SERVER,
  TINY_SERVER,
  recordingEntry,
  waitForBreaker,
} from '../support/downstream-fixtures.js';

const clientInfo = { name: 'downstream-test', version: '1.0.0' };
const everything = (group: string): Record<string, unknown> => ({
  command: process.execPath,
  args: [EVERYTHING_SERVER, 'stdio'],
  group,
});

describe('downstream resilience with real servers', () => {
  let dir: string;
  let pool: DownstreamPoolHandle | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-ds-'));
  });
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('fails over to the other member of the group when a server-everything is killed mid-call', async () => {
    pool = createDownstreamPool({
      servers: { 'every-a': everything('every'), 'every-b': everything('every') },
      clientInfo,
    });
    const access = pool.access('client');
    await access.callTool('every-a', 'echo', { message: 'warm' });
    const pidA = (await pool.status())[0]?.pid as number;
    let killed = false;
    const result = await access.callTool(
      'every-a',
      'trigger-long-running-operation',
      { duration: 1, steps: 10 },
      {
        onProgress: () => {
          if (killed) return;
          killed = true;
          process.kill(-pidA, 'SIGKILL'); // the first progress proves the call is running on every-a
        },
      },
    );
    expect(killed).toBe(true);
    expect(result.server).toBe('every-b');
    expect(result.isError).toBe(false);
    expect(result.content).toEqual([
      { type: 'text', text: 'Long running operation completed. Duration: 1 seconds, Steps: 10.' },
    ]);
    const [a] = await pool.status();
    expect(a).toMatchObject({ failovers: 1, retries: 1 });
    expect(a?.lastError).toMatch(/signal SIGKILL/);
  });

  it('returns a clear error within the timeout when a non-idempotent call loses its only server', async () => {
    pool = createDownstreamPool({ servers: { rec: recordingEntry({}, { timeout_ms: 20_000 }) }, clientInfo });
    const access = pool.access('client');
    await access.callTool('rec', 'echo', { message: 'warm' });
    const pid = (await pool.status())[0]?.pid as number;
    const startedAt = performance.now();
    const error = await access
      .callTool('rec', 'slow', { steps: 1_000, step_ms: 10 }, { onProgress: () => process.kill(-pid, 'SIGKILL') })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'downstream_unavailable',
      message: 'Server "rec" closed its connection during the call.',
    });
    expect(performance.now() - startedAt).toBeLessThan(20_000);
    expect((await pool.status())[0]).toMatchObject({ retries: 0, errors: 1 });
  });

  it('opens the breaker after repeated failures and closes it again after recovery', async () => {
    const flag = join(dir, 'healthy');
    const script = `test -f "${flag}" && exec "${process.execPath}" "${RECORDING_SERVER}" || exit 3`;
    pool = createDownstreamPool({
      servers: { flaky: { command: 'sh', args: ['-c', script] } },
      clientInfo,
      breaker: { failureThreshold: 2, cooldownMs: 300 },
      timing: { backoffBaseMs: 20, backoffMaxMs: 40 },
    });
    const access = pool.access('client');
    const opened = waitForBreaker(pool, 'flaky', 'open');
    const first = await access.callTool('flaky', 'echo', { message: 'x' }).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: expect.stringMatching(/downstream_(unavailable|breaker_open)/) });
    await opened;
    expect((await pool.status())[0]?.breaker).toBe('open');
    await expect(access.callTool('flaky', 'echo', { message: 'x' })).rejects.toMatchObject({
      code: 'downstream_breaker_open',
    });
    await writeFile(flag, 'ok');
    await waitForBreaker(pool, 'flaky', 'half_open');
    const closed = waitForBreaker(pool, 'flaky', 'closed');
    const recovered = await access.callTool('flaky', 'echo', { message: 'back' });
    await closed;
    expect(recovered.content).toEqual([{ type: 'text', text: 'Echo: back' }]);
    expect((await pool.status())[0]).toMatchObject({ breaker: 'closed', state: 'connected' });
  });

  it('leaves no child process behind after 200 connect/close cycles of a wrapped server with a grandchild', async () => {
    const script = `"${process.execPath}" "${TINY_SERVER}"; exit 0`; // sh → tiny server → sleeping grandchild
    const leaders: number[] = [];
    const cycle = async (): Promise<void> => {
      const p = createDownstreamPool({
        servers: { tiny: { command: 'sh', args: ['-c', script], env: { FIXTURE_FORK: '1' } } },
        clientInfo,
      });
      try {
        const result = await p.access('client').callTool('tiny', 'echo', { message: 'c' });
        expect(result.content).toEqual([{ type: 'text', text: 'Echo: c' }]);
        leaders.push((await p.status({ processes: false }))[0]?.pid as number);
      } finally {
        await p.close();
      }
    };
    const CYCLES = 200;
    const LANES = 4;
    await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        for (let i = lane; i < CYCLES; i += LANES) await cycle();
      }),
    );
    expect(leaders).toHaveLength(CYCLES);
    expect(new Set(leaders).size).toBe(CYCLES);
    const alive = (await Promise.all(leaders.map((pid) => listProcessGroup(pid)))).flat();
    expect(alive).toEqual([]);
    expect(await listChildProcesses(process.pid)).toEqual([]);
  });
});
