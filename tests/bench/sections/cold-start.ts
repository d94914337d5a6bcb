import type { ServerKind } from '../processes.js';
import { atMost } from '../report.js';
import { elapsedMs, median, round } from '../stats.js';
import type { Section, SectionContext } from './section.js';

/** Rounds of (ours, floor); the issue asks for ≥ 5. */
const ROUNDS = 7;
const MIN_ROUNDS = 5;
/** Budgets (issue): cold start ≤ 1.5× the floor's; idle RSS ≤ 100 MB. */
const COLD_START_MAX_RATIO = 1.5;
const IDLE_RSS_MAX_MB = 100;
/** One spawn → first ping must finish within this, ms. */
const START_TIMEOUT_MS = 20_000;

interface StartSample {
  coldStartMs: number;
  idleRssMb: number;
}

/**
 * Cold start: `spawn()` → `initialize` → `notifications/initialized` → first `ping` result, wall-clock ms, then
 * VmRSS of the idle child. Fresh process per sample, rounds interleaved ours, floor, ours, floor...; medians.
 */
export const coldStartSection: Section = {
  name: 'cold-start',
  timeLimitMs: 60_000,
  expected: [
    { metric: 'cold_start_ratio_ours_to_floor', unit: '×', budget: `≤ ${COLD_START_MAX_RATIO}` },
    { metric: 'ours_idle_rss', unit: 'MB', budget: `≤ ${IDLE_RSS_MAX_MB}` },
  ],
  async run(ctx) {
    const samples: Record<ServerKind, StartSample[]> = { ours: [], floor: [] };
    for (let round = 0; round < ROUNDS; round++) {
      if (round >= MIN_ROUNDS && ctx.timeLeftMs() <= 0) break;
      for (const kind of ['ours', 'floor'] as const) samples[kind].push(await sampleStart(ctx, kind));
    }
    const ours = summarize(samples.ours);
    const floor = summarize(samples.floor);
    const rounds = samples.ours.length;
    const ratio = ours.coldStartMs / floor.coldStartMs;
    ctx.emit({
      metric: 'ours_cold_start_p50',
      value: round(ours.coldStartMs),
      unit: 'ms',
      note: `median of ${rounds} rounds`,
    });
    ctx.emit({
      metric: 'floor_cold_start_p50',
      value: round(floor.coldStartMs),
      unit: 'ms',
      note: `median of ${rounds} rounds`,
    });
    ctx.emit({
      metric: 'cold_start_ratio_ours_to_floor',
      value: round(ratio, 2),
      unit: '×',
      ...atMost(ratio, COLD_START_MAX_RATIO),
    });
    ctx.emit({
      metric: 'ours_idle_rss',
      value: round(ours.idleRssMb),
      unit: 'MB',
      ...atMost(ours.idleRssMb, IDLE_RSS_MAX_MB),
    });
    ctx.emit({ metric: 'floor_idle_rss', value: round(floor.idleRssMb), unit: 'MB' });
  },
};

async function sampleStart(ctx: SectionContext, kind: ServerKind): Promise<StartSample> {
  const { client, spawnedAtNs } = ctx.registry.spawn(kind);
  try {
    await client.initialize(START_TIMEOUT_MS);
    await client.callTool('ping', {}, START_TIMEOUT_MS);
    const coldStartMs = elapsedMs(spawnedAtNs);
    return { coldStartMs, idleRssMb: client.rssMb() };
  } finally {
    await ctx.registry.close(client);
  }
}

function summarize(samples: readonly StartSample[]): StartSample {
  return { coldStartMs: median(samples.map((s) => s.coldStartMs)), idleRssMb: median(samples.map((s) => s.idleRssMb)) };
}
