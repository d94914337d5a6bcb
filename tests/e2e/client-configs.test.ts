import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const CLIENTS = join(ROOT, 'examples', 'clients');

interface StdioEntry {
  type?: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

const readEntry = async (file: string, key: 'mcpServers' | 'servers'): Promise<StdioEntry> => {
  const config = JSON.parse(await readFile(join(CLIENTS, file), 'utf8')) as Record<string, Record<string, StdioEntry>>;
  const entry = config[key]?.orchestrator;
  if (!entry) throw new Error(`${file} has no ${key}.orchestrator entry`);
  return entry;
};

describe('the example client configs start the server over stdio', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-client-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the Claude Desktop entry as written (npx resolves the package) and answers ping', async () => {
    const entry = await readEntry('claude_desktop_config.json', 'mcpServers');
    expect(entry.command).toBe('npx');
    // Same command and flags; only the workspace points at a temp dir and a temp task store is added.
    const args = entry.args.map((a) => (a === '/tmp/orchestrator-workspace' ? join(dir, 'ws') : a));
    const transport = new StdioClientTransport({
      command: entry.command,
      args: [...args, '--data-dir', join(dir, 'data'), '--log-level', 'error'],
      env: { ...(process.env as Record<string, string>), ...entry.env },
      cwd: ROOT,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'claude-desktop-config-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const ping = await client.callTool({ name: 'ping', arguments: {} });
      expect(ping.structuredContent).toMatchObject({ status: 'ok', name: 'multi-orchestrator-mcp' });
    } finally {
      await client.close();
    }
  });

  it.each([
    ['claude-code.mcp.json', 'mcpServers', 'stdio'],
    ['cursor.mcp.json', 'mcpServers', undefined],
    ['vscode.mcp.json', 'servers', 'stdio'],
  ] as const)(
    '%s has the shape its client reads (key %s, type %s) and the same start command',
    async (file, key, type) => {
      const entry = await readEntry(file, key);
      expect(entry.type).toBe(type);
      expect(entry.command).toBe('npx');
      expect(entry.args.slice(0, 2)).toEqual(['-y', 'multi-orchestrator-mcp']);
    },
  );
});
