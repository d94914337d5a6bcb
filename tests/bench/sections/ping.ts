import { runClosedLoop, toolCallLine } from '../load.js';
import type { ServerKind } from '../processes.js';
import type { RawRpcClient } from '../rpc-client.js';
import { atMost } from '../report.js';
import { median, round, toPercentiles } from '../stats.js';
import type { Section, SectionContext } from './section.js';

/** Rounds; each round runs every level on ours then the floor. The issue asks for ≥ 5. */
const ROUNDS = 7;
const MIN_ROUNDS = 5;
/** Requests in flight, and timed calls per level per round. */
const LEVELS = [
  { concurrency: 1, calls: 1_500 },
  { concurrency: 8, calls: 4_000 },
  { concurrency: 64, calls: 6_000 },
] as const;
/** Untimed calls per level and server before each timed run (JIT, buffers). */
const WARMUP_CALLS = 300;
/** Budget (issue): ping p50 ≤ 1.2× the floor's. */
const PING_MAX_RATIO = 1.2;
const LOAD_TIMEOUT_MS = 30_000;

interface LevelSample {
  p50: number;
  p95: number;
  p99: number;
  callsPerSecond: number;
}

const ping = toolCallLine('ping', {});

/**
 * `ping` over stdio at 1, 8 and 64 requests in flight, ours against the floor server, both driven by the same raw
 * client. One long-lived process each; per round and level: warm-up, then a timed closed loop on ours, then the
 * same on the floor. Reported: medians over rounds of each round's p50/p95/p99 (µs) and calls/s, and ratios.
 */
export const pingSection: Section = {
  name: 'ping',
  timeLimitMs: 120_000,
  expected: LEVELS.map((l) => ({
    metric: `c${l.concurrency}_p50_ratio_ours_to_floor`,
    unit: '×',
    budget: `≤ ${PING_MAX_RATIO}`,
  })),
  async run(ctx) {
    const clients: Record<ServerKind, RawRpcClient> = {
      ours: await ctx.registry.start('ours'),
      floor: await ctx.registry.start('floor'),
    };
    const samples = new Map<string, LevelSample[]>();
    let rounds = 0;
    for (let r = 0; r < ROUNDS; r++) {
      if (r >= MIN_ROUNDS && ctx.timeLeftMs() <= 0) break;
      for (const level of LEVELS) {
        for (const kind of ['ours', 'floor'] as const) {
          const key = `${kind}:${level.concurrency}`;
          samples.set(key, [...(samples.get(key) ?? []), await measureLevel(clients[kind], level)]);
        }
      }
      rounds += 1;
      ctx.log(`ping: round ${rounds} done`);
    }
    for (const level of LEVELS) emitLevel(ctx, level.concurrency, samples, rounds);
    await ctx.registry.close(clients.ours);
    await ctx.registry.close(clients.floor);
  },
};

async function measureLevel(client: RawRpcClient, level: (typeof LEVELS)[number]): Promise<LevelSample> {
  const options = { concurrency: level.concurrency, timeoutMs: LOAD_TIMEOUT_MS };
  await runClosedLoop(client, ping, { ...options, calls: WARMUP_CALLS });
  const result = await runClosedLoop(client, ping, { ...options, calls: level.calls });
  const p = toPercentiles(Array.from(result.latenciesUs));
  return { p50: p.p50, p95: p.p95, p99: p.p99, callsPerSecond: result.callsPerSecond };
}

function emitLevel(
  ctx: SectionContext,
  concurrency: number,
  samples: Map<string, LevelSample[]>,
  rounds: number,
): void {
  const pick = (kind: ServerKind, field: keyof LevelSample): number =>
    median((samples.get(`${kind}:${concurrency}`) ?? []).map((s) => s[field]));
  const note = `in flight ${concurrency}, median of ${rounds} rounds`;
  for (const kind of ['ours', 'floor'] as const) {
    for (const field of ['p50', 'p95', 'p99'] as const) {
      ctx.emit({ metric: `c${concurrency}_${kind}_${field}`, value: round(pick(kind, field)), unit: 'µs', note });
    }
    ctx.emit({
      metric: `c${concurrency}_${kind}_throughput`,
      value: Math.round(pick(kind, 'callsPerSecond')),
      unit: 'calls/s',
      note,
    });
  }
  const ratio = pick('ours', 'p50') / pick('floor', 'p50');
  ctx.emit({
    metric: `c${concurrency}_p50_ratio_ours_to_floor`,
    value: round(ratio, 2),
    unit: '×',
    ...atMost(ratio, PING_MAX_RATIO),
  });
  const throughputRatio = round(pick('ours', 'callsPerSecond') / pick('floor', 'callsPerSecond'), 2);
  ctx.emit({ metric: `c${concurrency}_throughput_ratio_ours_to_floor`, value: throughputRatio, unit: '×' });
}
