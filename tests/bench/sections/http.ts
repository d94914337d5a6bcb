import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { atLeast } from '../report.js';
import { median, round, toPercentiles } from '../stats.js';
import type { Section, SectionContext } from './section.js';

/** Concurrent sessions per level (issue #7: 1, 64, 256), each with its own 2025-era session on the server. */
const LEVELS = [
  { sessions: 1, calls: 1_000 },
  { sessions: 64, calls: 4_000 },
  { sessions: 256, calls: 6_000 },
] as const;
const ROUNDS = 3;
/** Budget (issue #7): `ping` calls/s at 64 sessions at least 0.8× the minimal SDK v2 HTTP server's. */
const BUDGET_SESSIONS = 64;
const THROUGHPUT_RATIO_MIN = 0.8;
const WARMUP_CALLS = 200;

/**
 * The HTTP floor: the least an SDK v2 Streamable HTTP server does — the SDK's documented stateful pattern (one
 * `NodeStreamableHTTPServerTransport` + one `McpServer` with a no-op `ping` per session, found by session id) on
 * plain `node:http`, without Host/Origin checks, auth or limits. Run with `node --input-type=module -e` from the
 * repository root so the SDK resolves from its node_modules.
 */
const FLOOR_SOURCE = `
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { McpServer } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import { z } from 'zod';
const sessions = new Map();
const server = createServer(async (req, res) => {
  const id = req.headers['mcp-session-id'];
  let transport = typeof id === 'string' ? sessions.get(id) : undefined;
  if (!transport) {
    if (id) { res.writeHead(404).end(); return; }
    transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => sessions.set(sid, transport),
      onsessionclosed: (sid) => sessions.delete(sid),
    });
    const mcp = new McpServer({ name: 'bench-http-floor', version: '1.0.0' });
    mcp.registerTool('ping', { description: 'No-op.', inputSchema: z.object({}) }, () => ({ content: [{ type: 'text', text: 'ok' }] }));
    await mcp.connect(transport);
  }
  await transport.handleRequest(req, res);
});
server.listen(0, '127.0.0.1', () => {
  process.stderr.write(JSON.stringify({ msg: 'http transport listening', url: 'http://127.0.0.1:' + server.address().port + '/mcp' }) + '\\n');
});
process.once('SIGTERM', () => process.exit(0));
`;

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench-http', version: '1' } },
});
const INITIALIZED = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });
/** Prepared request bodies: only the id changes, so the generator does no JSON work per call. */
const pingBody = (id: number): string =>
  `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"ping","arguments":{}}}`;

interface LevelSample {
  callsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * `ping` over Streamable HTTP: our `/mcp` (Host/Origin checks, rate limiter, session registry, the full tool set)
 * against the SDK floor above, both spawned on loopback and driven by the same generator (Node's fetch, a closed
 * loop per session with prepared bodies) at 1, 64 and 256 concurrent sessions. Reported per level: medians over
 * rounds of calls/s and p50/p99 (ms), and the throughput ratio ours/floor.
 */
export const httpSection: Section = {
  name: 'http',
  timeLimitMs: 180_000,
  expected: [
    { metric: `s${BUDGET_SESSIONS}_throughput_ratio_ours_to_floor`, unit: '×', budget: `≥ ${THROUGHPUT_RATIO_MIN}` },
  ],
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-http-'));
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ http: { rate_limit: 10_000_000, max_sessions: 1_000 } }));
    const children: ChildProcess[] = [];
    try {
      const ours = await startServer(children, process.execPath, [
        ctx.paths.cli,
        '--transport',
        'http',
        '--port',
        '0',
        '--config',
        config,
        '--workspace',
        dir,
        '--data-dir',
        join(dir, '.data'),
      ]);
      const floor = await startServer(
        children,
        process.execPath,
        ['--input-type=module', '-e', FLOOR_SOURCE],
        ctx.paths.root,
      );
      const samples = new Map<string, LevelSample[]>();
      for (let r = 0; r < ROUNDS && (r === 0 || ctx.timeLeftMs() > 0); r++) {
        for (const level of LEVELS) {
          for (const [kind, url] of [
            ['ours', ours],
            ['floor', floor],
          ] as const) {
            const key = `${kind}:${level.sessions}`;
            samples.set(key, [...(samples.get(key) ?? []), await measure(url, level)]);
          }
        }
        ctx.log(`http: round ${r + 1} done`);
      }
      for (const level of LEVELS) emitLevel(ctx, level.sessions, samples);
    } finally {
      for (const child of children) child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function startServer(children: ChildProcess[], command: string, args: string[], cwd?: string): Promise<URL> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(cwd ? { cwd } : {}) });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`HTTP bench server exited with ${code}`)));
    createInterface({ input: child.stderr }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'http transport listening' && entry.url) resolve(new URL(entry.url));
      } catch {
        // not a JSON log line
      }
    });
  });
}

async function post(url: URL, body: string, sessionId?: string): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(sessionId ? { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' } : {}),
    },
    body,
  });
  await response.arrayBuffer();
  if (!response.ok && response.status !== 202) throw new Error(`HTTP ${response.status} from ${url.href}`);
  return response;
}

async function openSession(url: URL): Promise<string> {
  const sessionId = (await post(url, INITIALIZE)).headers.get('mcp-session-id');
  if (!sessionId) throw new Error(`no session id from ${url.href}`);
  await post(url, INITIALIZED, sessionId);
  return sessionId;
}

/** Opens `sessions` sessions, warms up, then times `calls` pings spread over them in closed loops; closes them. */
async function measure(url: URL, level: { sessions: number; calls: number }): Promise<LevelSample> {
  const sessions = await Promise.all(Array.from({ length: level.sessions }, () => openSession(url)));
  const run = async (calls: number, latenciesMs: number[]): Promise<number> => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      sessions.map(async (sessionId) => {
        for (let i = next++; i < calls; i = next++) {
          const t0 = performance.now();
          await post(url, pingBody(i + 1), sessionId);
          latenciesMs.push(performance.now() - t0);
        }
      }),
    );
    return performance.now() - started;
  };
  await run(WARMUP_CALLS, []);
  const latencies: number[] = [];
  const elapsedMs = await run(level.calls, latencies);
  await Promise.all(sessions.map((id) => fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': id } })));
  const p = toPercentiles(latencies);
  return { callsPerSecond: (level.calls / elapsedMs) * 1_000, p50Ms: p.p50, p99Ms: p.p99 };
}

function emitLevel(ctx: SectionContext, sessions: number, samples: Map<string, LevelSample[]>): void {
  const pick = (kind: string, f: (s: LevelSample) => number): number =>
    median((samples.get(`${kind}:${sessions}`) ?? []).map(f));
  for (const kind of ['ours', 'floor'] as const) {
    ctx.emit({
      metric: `s${sessions}_calls_per_s_${kind}`,
      value: round(
        pick(kind, (s) => s.callsPerSecond),
        0,
      ),
      unit: 'calls/s',
    });
    ctx.emit({
      metric: `s${sessions}_p50_${kind}`,
      value: round(
        pick(kind, (s) => s.p50Ms),
        2,
      ),
      unit: 'ms',
    });
    ctx.emit({
      metric: `s${sessions}_p99_${kind}`,
      value: round(
        pick(kind, (s) => s.p99Ms),
        2,
      ),
      unit: 'ms',
    });
  }
  const ratio = pick('ours', (s) => s.callsPerSecond) / pick('floor', (s) => s.callsPerSecond);
  const budget = sessions === BUDGET_SESSIONS ? atLeast(ratio, THROUGHPUT_RATIO_MIN) : {};
  ctx.emit({ metric: `s${sessions}_throughput_ratio_ours_to_floor`, value: round(ratio, 2), unit: '×', ...budget });
}
