import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFuzzProfile } from './profile.js';
import { CLI } from './stdio-peer.js';

const profile = readFuzzProfile();
const SESSIONS = profile.concurrentSessions;

interface Reply {
  result?: { structuredContent?: Record<string, unknown>; isError?: boolean };
  error?: unknown;
}

/** One POST to /mcp; the reply is read from the JSON body or the first SSE `data:` line. */
async function post(
  url: URL,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; sessionId: string | null; reply?: Reply }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const data = /^data: (.*)$/m.exec(text)?.[1] ?? text;
  return {
    status: response.status,
    sessionId: response.headers.get('mcp-session-id'),
    reply: data ? (JSON.parse(data) as Reply) : undefined,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

describe(`${SESSIONS} concurrent HTTP sessions`, () => {
  let dir: string;
  let child: ChildProcess;
  let url: URL;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-load-'));
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ http: { rate_limit: 1_000_000, max_sessions: SESSIONS } }));
    child = spawn(
      process.execPath,
      [
        CLI,
        '--transport',
        'http',
        '--port',
        '0',
        '--config',
        config,
        '--data-dir',
        join(dir, 'data'),
        '--log-level',
        'info',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    url = await new Promise<URL>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
      createInterface({ input: child.stderr! }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'http transport listening' && entry.url) resolve(new URL(entry.url));
      });
    });
  });
  afterAll(async () => {
    const exit = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exit;
    await rm(dir, { recursive: true, force: true });
  });

  it('all open at once, each calls ping and get_system_status with no error; p99 reported', async () => {
    const opened = await Promise.all(
      Array.from({ length: SESSIONS }, async (_, i) => {
        const init = await post(
          url,
          {
            jsonrpc: '2.0',
            id: 0,
            method: 'initialize',
            params: {
              protocolVersion: '2025-11-25',
              capabilities: {},
              clientInfo: { name: `load-${i}`, version: '1' },
            },
          },
          {},
        );
        expect(init.status).toBe(200);
        const headers = { 'mcp-session-id': init.sessionId ?? '', 'mcp-protocol-version': '2025-11-25' };
        expect((await post(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers)).status).toBe(202);
        return headers;
      }),
    );
    const ready = (await (await fetch(new URL('/readyz', url))).json()) as { sessions: { streamable: number } };
    expect(ready.sessions.streamable).toBe(SESSIONS);

    const latencies: Record<string, number[]> = { ping: [], get_system_status: [] };
    const errors: string[] = [];
    let peakRssMb = 0;
    await Promise.all(
      opened.map(async (headers, i) => {
        for (const name of ['ping', 'get_system_status'] as const) {
          const started = performance.now();
          const { status, reply } = await post(
            url,
            { jsonrpc: '2.0', id: i + 1, method: 'tools/call', params: { name, arguments: {} } },
            headers,
          );
          latencies[name]!.push(performance.now() - started);
          if (status !== 200 || !reply?.result || reply.result.isError)
            errors.push(`${name} ${status} ${JSON.stringify(reply).slice(0, 200)}`);
          const rss = (reply?.result?.structuredContent?.process as { rss_mb?: number } | undefined)?.rss_mb;
          if (rss !== undefined) peakRssMb = Math.max(peakRssMb, rss);
        }
      }),
    );
    const summary = Object.fromEntries(
      Object.entries(latencies).map(([name, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return [
          name,
          {
            calls: list.length,
            p50_ms: +percentile(sorted, 50).toFixed(1),
            p99_ms: +percentile(sorted, 99).toFixed(1),
            max_ms: +(sorted.at(-1) ?? 0).toFixed(1),
          },
        ];
      }),
    );
    console.log(`${SESSIONS} concurrent sessions:`, summary, `server RSS peak ${peakRssMb} MB`);
    expect(errors).toEqual([]);
    expect(latencies.ping).toHaveLength(SESSIONS);
    expect(peakRssMb).toBeLessThan(1_024);

    const closed = await Promise.all(
      opened.map((headers) => fetch(url, { method: 'DELETE', headers }).then((r) => r.status)),
    );
    expect(closed.every((s) => s === 200)).toBe(true);
    const after = (await (await fetch(new URL('/readyz', url))).json()) as { sessions: { streamable: number } };
    expect(after.sessions.streamable).toBe(0);
  });
});
