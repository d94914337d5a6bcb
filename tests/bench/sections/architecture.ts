import { atMost } from '../report.js';
import { round, toPercentiles } from '../stats.js';
import { readArgs } from './inputs.js';
import type { Section } from './section.js';

/** Untimed warm-ups, then timed sequential calls (issue: ≥ 50). */
const WARMUP_CALLS = 5;
const TIMED_CALLS = 100;
/** Budget (issue): generate_architecture p50 ≤ 50 ms. */
const ARCHITECTURE_P50_MAX_MS = 50;
const CALL_TIMEOUT_MS = 30_000;

/** `generate_architecture` on examples/inputs/architecture-brief.json: sequential calls, wall-clock per call. */
export const architectureSection: Section = {
  name: 'architecture',
  timeLimitMs: 60_000,
  expected: [{ metric: 'architecture_p50', unit: 'ms', budget: `≤ ${ARCHITECTURE_P50_MAX_MS}` }],
  async run(ctx) {
    const args = readArgs(ctx.paths.architectureBrief);
    const client = await ctx.registry.start('ours');
    for (let i = 0; i < WARMUP_CALLS; i++) await client.callTool('generate_architecture', args, CALL_TIMEOUT_MS);
    const latenciesMs: number[] = [];
    let toolErrors = 0;
    for (let i = 0; i < TIMED_CALLS; i++) {
      if (i >= 50 && ctx.timeLeftMs() <= 0) break;
      const t0 = process.hrtime.bigint();
      const result = await client.callTool('generate_architecture', args, CALL_TIMEOUT_MS);
      latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (result.isError) toolErrors += 1;
    }
    await ctx.registry.close(client);
    const p = toPercentiles(latenciesMs);
    const note = `${p.count} sequential calls, ${toolErrors} tool errors`;
    ctx.emit({
      metric: 'architecture_p50',
      value: round(p.p50, 2),
      unit: 'ms',
      ...atMost(p.p50, ARCHITECTURE_P50_MAX_MS),
      note,
    });
    ctx.emit({ metric: 'architecture_p95', value: round(p.p95, 2), unit: 'ms', note });
    ctx.emit({ metric: 'architecture_tool_errors', value: toolErrors, unit: 'calls' });
  },
};
