import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../dist/src/bin/cli.js');

interface RpcMessage {
  jsonrpc: string;
  id?: number;
  result?: Record<string, unknown>;
  error?: unknown;
  method?: string;
}

describe('built server over a real stdio spawn', () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'moc-stdio-'));
  });
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it('writes only JSON-RPC to stdout at debug log level, logs to stderr, and exits 0 when stdin closes', async () => {
    const dataDir = join(workspace, 'data');
    const args = [CLI, '--log-level', 'debug', '--workspace', workspace, '--data-dir', dataDir];
    const child = spawn(process.execPath, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdoutLines: string[] = [];
    const stderrChunks: string[] = [];
    child.stderr.setEncoding('utf8').on('data', (c: string) => stderrChunks.push(c));
    const pending = new Map<number, (m: RpcMessage) => void>();
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdoutLines.push(line);
      const msg = JSON.parse(line) as RpcMessage;
      if (msg.id !== undefined && !msg.method) pending.get(msg.id)?.(msg);
    });
    let nextId = 1;
    const request = (method: string, params: Record<string, unknown>): Promise<RpcMessage> => {
      const id = nextId++;
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
      return new Promise((resolve) => pending.set(id, resolve));
    };
    const init = await request('initialize', {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'spawn-test', version: '1.0.0' },
    });
    expect(init.result?.serverInfo).toMatchObject({ name: 'multi-orchestrator-mcp' });
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    const list = await request('tools/list', {});
    expect((list.result?.tools as unknown[]).length).toBe(13);
    const ping = await request('tools/call', { name: 'ping', arguments: {} });
    expect(ping.result?.structuredContent).toMatchObject({ status: 'ok', protocol_version: '2025-11-25' });
    const fix = await request('tools/call', {
      name: 'auto_fix_code',
      arguments: { code: 'const value = 1;\nconsole.log(valeu);\n', language: 'typescript' },
    });
    expect(fix.result?.structuredContent).toMatchObject({ verified: true });
    const orchestration = await request('tools/call', {
      name: 'orchestrate_task',
      arguments: { task: 'Fix the CSS so the header stays visible on small screens' },
    });
    expect(orchestration.result?.isError).not.toBe(true);

    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.end();
    expect(await exit).toBe(0);

    expect(stdoutLines.length).toBeGreaterThanOrEqual(5);
    for (const line of stdoutLines) {
      const parsed = JSON.parse(line) as RpcMessage;
      expect(parsed.jsonrpc).toBe('2.0');
    }
    const stderr = stderrChunks.join('');
    expect(stderr).toContain('"level":20');
    expect(stderr).toContain('server started');
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--transport', 'carrier-pigeon'], /--transport must be one of: stdio, http/],
    [['--log-level', 'loud'], /--log-level must be one of/],
    [['--config', '/nonexistent/config.json'], /Cannot read config file/],
  ])('rejects %j with one line on stderr and exit code 2', async (argv, pattern) => {
    const child = spawn(process.execPath, [CLI, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(pattern);
  });
});
