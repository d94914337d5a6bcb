import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHttpClient } from '../support/http.js';

const CLI = join(import.meta.dirname, '../../dist/src/bin/cli.js');
const TOKEN = 'cli-test-token-0123456789abcdef';
/** Servers this file started, killed at the end even when a test failed half-way. */
const spawned: ChildProcess[] = [];

/** Spawns the built CLI and resolves with the URL from its "http transport listening" log line. */
function startCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: URL; stderr: string[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'moc-http-cli-data-'));
  const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  spawned.push(child);
  const stderr: string[] = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr.join('\n')}`)));
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderr.push(line);
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'http transport listening' && entry.url) resolve({ child, url: new URL(entry.url), stderr });
    });
  });
}

describe('built CLI with --transport http', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'moc-http-cli-'));
  });
  afterAll(async () => {
    for (const child of spawned) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(workspace, { recursive: true, force: true });
  });

  it.each([
    [['--host', '0.0.0.0'], {}, /Refusing to listen on 0\.0\.0\.0 without authentication/],
    [['--host', '::'], {}, /Refusing to listen on :: without authentication/],
    [['--host', '0.0.0.0'], { MCP_ORCHESTRATOR_TOKEN: 'short' }, /shorter than 16 characters/],
  ])('refuses to start with %j and env %j: one line, exit 2', async (args, env, pattern) => {
    const child = spawn(
      process.execPath,
      [CLI, '--data-dir', join(workspace, 'data'), '--transport', 'http', ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH, ...env },
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(pattern);
  });

  it('serves with a token from the environment and shuts down gracefully on SIGTERM with exit code 0', async () => {
    const configPath = join(workspace, 'config.json');
    await writeFile(configPath, JSON.stringify({ http: { shutdown_timeout_ms: 120_000 } }));
    const { child, url, stderr } = await startCli(
      ['--transport', 'http', '--port', '0', '--workspace', workspace, '--config', configPath],
      { PATH: process.env.PATH, MCP_ORCHESTRATOR_TOKEN: TOKEN },
    );
    const refused = await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(refused.status).toBe(401);
    const client = await connectHttpClient(url, { token: TOKEN });
    let signalled = false;
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const running = client.callTool(
      { name: 'orchestrate_task', arguments: { task: 'Add a /health endpoint to the Express API with a test' } },
      {
        onprogress: () => {
          if (signalled) return;
          signalled = true;
          child.kill('SIGTERM');
        },
      },
    );
    const result = await running;
    expect(signalled).toBe(true);
    // SIGTERM arrived mid-run: the run was allowed to finish within the drain window before the process exited
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: expect.stringMatching(/succeeded|partial/) });
    expect(await exit).toBe(0);
    const log = stderr.join('\n');
    expect(log).toContain('"reason":"SIGTERM"');
    expect(log).not.toContain(TOKEN);
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
