import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The suite release and the Node it runs on (it needs Node ≥ 22; npm's `node` package provides one). */
export const CONFORMANCE_PACKAGE = '@modelcontextprotocol/conformance@0.1.16';
export const CONFORMANCE_NODE = 'node@22';
/** Server scenarios that apply to any server (the others need the suite's fixture tools). */
export const SCENARIOS = [
  'server-initialize',
  'ping',
  'tools-list',
  'logging-set-level',
  'resources-list',
  'prompts-list',
  'server-sse-multiple-streams',
  'dns-rebinding-protection',
] as const;

const CLI = join(import.meta.dirname, '../../dist/src/bin/cli.js');

/** Runs one scenario through `npx -p node@22 -p <suite> conformance server`; resolves with exit code and output. */
function runScenario(url: URL, scenario: string): Promise<{ code: number | null; output: string }> {
  const args = ['--yes', '-p', CONFORMANCE_NODE, '-p', CONFORMANCE_PACKAGE, '--', 'conformance', 'server'];
  const child = spawn('npx', [...args, '--url', url.href, '--scenario', scenario], {
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe(`MCP conformance suite (${CONFORMANCE_PACKAGE}) against --transport http`, () => {
  let server: ChildProcess;
  let url: URL;
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'moc-conformance-'));
    server = spawn(
      process.execPath,
      [CLI, '--transport', 'http', '--port', '0', '--data-dir', dataDir, '--log-level', 'info'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    url = await new Promise<URL>((resolve, reject) => {
      server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
      createInterface({ input: server.stderr! }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'http transport listening' && entry.url)
          resolve(new URL(entry.url.replace('127.0.0.1', 'localhost')));
      });
    });
  });
  afterAll(async () => {
    const exit = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exit;
  });

  it.each(SCENARIOS)('%s passes', async (scenario) => {
    const { code, output } = await runScenario(url, scenario);
    const summary = /Passed: (\d+)\/(\d+), (\d+) failed/.exec(output);
    console.log(`${scenario}: ${summary?.[0] ?? output.slice(-500)}`);
    expect(summary, output).not.toBeNull();
    expect(summary?.[3]).toBe('0');
    expect(summary?.[1]).toBe(summary?.[2]);
    expect(code).toBe(0);
  });
});
