import { describe, expect, it } from 'vitest';
import { formatConfigProblems, parseDownstreamServers } from '../../../src/downstream/config.js';

describe('parseDownstreamServers', () => {
  it('accepts the Claude Desktop shape and fills our defaults', () => {
    const { servers, problems } = parseDownstreamServers({
      fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'], env: { A: '1' } },
      web: { url: 'https://example.com/mcp', headers: { Authorization: 'Bearer x' }, agents: ['backend'] },
      old: { type: 'sse', url: 'http://127.0.0.1:9/sse', group: 'g', cache_ttl_ms: 1000 },
    });
    expect(problems).toEqual([]);
    expect(servers.map((s) => [s.name, s.transport])).toEqual([
      ['fs', 'stdio'],
      ['web', 'http'],
      ['old', 'sse'],
    ]);
    expect(servers[0]).toMatchObject({ command: 'npx', allAgents: true, timeoutMs: 30_000, disabled: false });
    expect(servers[1]).toMatchObject({ agents: ['backend'], allAgents: false });
    expect(servers[2]).toMatchObject({ group: 'g', cacheTtlMs: 1000 });
  });

  it.each([
    [{ commnd: 'npx' }, 'urll', /commnd: unknown key|command/],
    [{}, 'command', /command/],
    [{ url: 'ftp://host/x' }, 'url', /url/],
    [{ type: 'sse' }, 'url', /needs "url"/],
    [{ command: 'x', url: 'http://h/mcp' }, 'url', /not both/],
    [{ command: 'x', agents: ['robot'] }, 'agents.0', /agents/],
    [{ command: 'x', timeout_ms: 5 }, 'timeout_ms', /timeout_ms/],
    [5, '(entry)', /object/],
  ])('rejects %j naming the server and the field', (entry, _field, pattern) => {
    const { servers, problems } = parseDownstreamServers({ good: { command: 'node' }, bad: entry });
    expect(servers.map((s) => s.name)).toEqual(['good']);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.server === 'bad')).toBe(true);
    expect(formatConfigProblems(problems)).toMatch(/^mcpServers\.bad/);
    expect(formatConfigProblems(problems)).toMatch(pattern);
  });

  it('reports an unknown key by name', () => {
    const { problems } = parseDownstreamServers({ fs: { command: 'npx', urll: 'x' } });
    expect(problems).toEqual([{ server: 'fs', field: 'urll', message: 'unknown key' }]);
  });

  it('rejects names clients cannot carry', () => {
    const { problems } = parseDownstreamServers({ 'has space': { command: 'x' }, ['x'.repeat(41)]: { command: 'x' } });
    expect(problems.map((p) => p.field)).toEqual(['(name)', '(name)']);
  });
});
