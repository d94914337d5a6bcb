import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/core/logger.js';
import { createDownstreamPool, type DownstreamPoolHandle } from '../../src/downstream/pool.js';
import { EVERYTHING_SERVER } from '../support/downstream-fixtures.js';

const clientInfo = { name: 'downstream-test', version: '1.0.0' };

/** A port that was free a moment ago (the OS picks it). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts server-everything in `mode` on a free port and resolves once it listens. */
async function startEverything(mode: 'streamableHttp' | 'sse'): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [EVERYTHING_SERVER, mode], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      if (/listening on port|running on port/i.test(String(chunk))) resolve();
    };
    child.stderr?.on('data', onData);
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server-everything ${mode} exited with ${code}`)));
  });
  return { child, port };
}

describe('remote downstream servers (Streamable HTTP, legacy SSE) and start-up checks', () => {
  const children: ChildProcess[] = [];
  let pool: DownstreamPoolHandle | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
    for (const child of children.splice(0)) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
  });

  it.each([
    ['streamableHttp', (port: number) => ({ url: `http://127.0.0.1:${port}/mcp`, headers: { 'X-Test': '1' } })],
    ['sse', (port: number) => ({ type: 'sse', url: `http://127.0.0.1:${port}/sse` })],
  ] as const)('calls server-everything over %s', async (mode, entry) => {
    const { child, port } = await startEverything(mode);
    children.push(child);
    pool = createDownstreamPool({ servers: { remote: entry(port) }, clientInfo });
    const result = await pool.access('client').callTool('remote', 'echo', { message: mode });
    expect(result.content).toEqual([{ type: 'text', text: `Echo: ${mode}` }]);
    const [status] = await pool.status();
    expect(status).toMatchObject({ transport: mode === 'sse' ? 'sse' : 'http', state: 'connected', liveProcesses: 0 });
  });

  it('preflight reports a command missing from PATH and an unreachable URL, each with server and field', async () => {
    const closedPort = await freePort();
    pool = createDownstreamPool({
      servers: {
        ok: { command: process.execPath, args: ['-v'] },
        npx: { command: 'npx-that-is-not-installed', env: { PATH: '/nonexistent' } },
        down: { url: `http://127.0.0.1:${closedPort}/mcp` },
      },
      clientInfo,
      logger: createSilentLogger(),
    });
    const results = await pool.preflight();
    expect(results.map((r) => [r.server, r.field, r.ok])).toEqual([
      ['ok', 'command', true],
      ['npx', 'command', false],
      ['down', 'url', false],
    ]);
    expect(results[1]?.detail).toBe(
      'mcpServers.npx.command: "npx-that-is-not-installed" was not found on PATH="/nonexistent"; use an absolute path or set PATH in "env"',
    );
    expect(results[2]?.detail).toMatch(
      new RegExp(`^mcpServers\\.down\\.url: 127\\.0\\.0\\.1:${closedPort} is unreachable \\(ECONNREFUSED\\)$`),
    );
    expect((await pool.status()).map((s) => s.state)).toEqual(['idle', 'idle', 'idle']); // nothing was started
  });
});
