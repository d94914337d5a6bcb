import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runClosedLoop } from '../load.js';
import { atMost } from '../report.js';
import { RawRpcClient } from '../rpc-client.js';
import { median, round, toPercentiles } from '../stats.js';
import type { Section, SectionContext } from './section.js';

/** Rounds; each runs every level on the direct connection, then through `call_tool`. */
const ROUNDS = 5;
const MIN_ROUNDS = 3;
const LEVELS = [
  { concurrency: 1, calls: 1_500 },
  { concurrency: 8, calls: 4_000 },
  { concurrency: 64, calls: 6_000 },
] as const;
const WARMUP_CALLS = 300;
const LOAD_TIMEOUT_MS = 60_000;
/** Budgets (issue #3): p50 overhead of `call_tool` over the direct call, µs; throughput at 64 in flight, calls/s. */
const MAX_P50_OVERHEAD_US = 300;
const MIN_CALLS_PER_SECOND_AT_64 = 10_000;
const CLOSE_GRACE_MS = 2_000;

type Path = 'direct' | 'proxied';

interface LevelSample {
  p50: number;
  p95: number;
  p99: number;
  callsPerSecond: number;
}

/**
 * `call_tool` → server-everything `echo`, against calling server-everything directly, in the same run: both driven
 * by the same raw client over stdio at 1, 8 and 64 requests in flight. Every request carries a distinct message, so
 * the proxy's coalescing of identical read-only calls never applies. Reported: medians over rounds of p50/p95/p99
 * (µs) and calls/s per path and level, the p50 overhead (µs) and the throughput of `call_tool` at 64 in flight.
 */
export const callToolSection: Section = {
  name: 'call-tool',
  timeLimitMs: 150_000,
  expected: [
    { metric: 'c1_p50_overhead', unit: 'µs', budget: `≤ ${MAX_P50_OVERHEAD_US}` },
    { metric: 'c64_proxied_throughput', unit: 'calls/s', budget: `≥ ${MIN_CALLS_PER_SECOND_AT_64}` },
  ],
  async run(ctx) {
    const everything = createRequire(join(ctx.paths.root, 'package.json')).resolve(
      '@modelcontextprotocol/server-everything/dist/index.js',
    );
    const dir = mkdtempSync(join(tmpdir(), 'moc-bench-calltool-'));
    const config = join(dir, 'config.json');
    const mcpServers = { everything: { command: process.execPath, args: [everything, 'stdio'], max_concurrent: 64 } };
    writeFileSync(config, JSON.stringify({ mcpServers }));
    const children: ChildProcessWithoutNullStreams[] = [];
    try {
      const direct = await start('direct', [everything, 'stdio'], ctx.paths.root, children);
      const proxied = await start(
        'proxied',
        [
          ctx.paths.cli,
          '--config',
          config,
          '--workspace',
          dir,
          '--data-dir',
          join(dir, '.data'),
          '--log-level',
          'warn',
        ],
        ctx.paths.root,
        children,
      );
      const first = await proxied.callTool('call_tool', {
        server: 'everything',
        tool: 'echo',
        arguments: { message: 'warm' },
      });
      if (first.isError) throw new Error(`call_tool failed: ${JSON.stringify(first.content)}`);
      const samples = await measureRounds(ctx, { direct, proxied });
      for (const level of LEVELS) emitLevel(ctx, level.concurrency, samples.byKey, samples.rounds);
    } finally {
      await Promise.all(children.map((c) => stop(c)));
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function measureRounds(
  ctx: SectionContext,
  clients: Record<Path, RawRpcClient>,
): Promise<{ byKey: Map<string, LevelSample[]>; rounds: number }> {
  const byKey = new Map<string, LevelSample[]>();
  let rounds = 0;
  for (let r = 0; r < ROUNDS; r++) {
    if (r >= MIN_ROUNDS && ctx.timeLeftMs() <= 0) break;
    for (const level of LEVELS) {
      for (const path of ['direct', 'proxied'] as const) {
        const key = `${path}:${level.concurrency}`;
        byKey.set(key, [...(byKey.get(key) ?? []), await measureLevel(clients[path], path, level, r)]);
      }
    }
    rounds += 1;
    ctx.log(`call-tool: round ${rounds} done`);
  }
  return { byKey, rounds };
}

/** A request line whose echo message is unique per call (`r<round>-c<level>-<index>`), id spliced in. */
function echoLine(path: Path, prefix: string): (id: number, index: number) => string {
  return (id, index) => {
    const message = `${prefix}-${index}`;
    const params =
      path === 'direct'
        ? `{"name":"echo","arguments":{"message":"${message}"}}`
        : `{"name":"call_tool","arguments":{"server":"everything","tool":"echo","arguments":{"message":"${message}"}}}`;
    return `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":${params}}\n`;
  };
}

async function measureLevel(
  client: RawRpcClient,
  path: Path,
  level: (typeof LEVELS)[number],
  round_: number,
): Promise<LevelSample> {
  const options = { concurrency: level.concurrency, timeoutMs: LOAD_TIMEOUT_MS };
  await runClosedLoop(client, echoLine(path, `w${round_}-${level.concurrency}`), { ...options, calls: WARMUP_CALLS });
  let errors = 0;
  const result = await runClosedLoop(client, echoLine(path, `r${round_}-${level.concurrency}`), {
    ...options,
    calls: level.calls,
    onResult: (r) => {
      if ((r as { isError?: boolean }).isError) errors += 1;
    },
  });
  if (errors > 0) throw new Error(`${path}: ${errors} of ${level.calls} echo calls answered isError`);
  const p = toPercentiles(Array.from(result.latenciesUs));
  return { p50: p.p50, p95: p.p95, p99: p.p99, callsPerSecond: result.callsPerSecond };
}

function emitLevel(
  ctx: SectionContext,
  concurrency: number,
  samples: Map<string, LevelSample[]>,
  rounds: number,
): void {
  const pick = (path: Path, field: keyof LevelSample): number =>
    median((samples.get(`${path}:${concurrency}`) ?? []).map((s) => s[field]));
  const note = `in flight ${concurrency}, median of ${rounds} rounds`;
  for (const path of ['direct', 'proxied'] as const) {
    for (const field of ['p50', 'p95', 'p99'] as const) {
      ctx.emit({ metric: `c${concurrency}_${path}_${field}`, value: round(pick(path, field)), unit: 'µs', note });
    }
    const throughput = Math.round(pick(path, 'callsPerSecond'));
    const budget =
      path === 'proxied' && concurrency === 64
        ? { budget: `≥ ${MIN_CALLS_PER_SECOND_AT_64}`, pass: throughput >= MIN_CALLS_PER_SECOND_AT_64 }
        : {};
    ctx.emit({ metric: `c${concurrency}_${path}_throughput`, value: throughput, unit: 'calls/s', note, ...budget });
  }
  const overhead = pick('proxied', 'p50') - pick('direct', 'p50');
  ctx.emit({
    metric: `c${concurrency}_p50_overhead`,
    value: round(overhead),
    unit: 'µs',
    note,
    ...(concurrency === 1 ? atMost(round(overhead), MAX_P50_OVERHEAD_US) : {}),
  });
}

async function start(
  label: string,
  args: string[],
  cwd: string,
  children: ChildProcessWithoutNullStreams[],
): Promise<RawRpcClient> {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd });
  children.push(child);
  const client = new RawRpcClient(label, child);
  await client.initialize();
  return client;
}

/** Ends stdin (our server then closes its downstream pool and its processes), SIGKILL after a grace period. */
async function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
