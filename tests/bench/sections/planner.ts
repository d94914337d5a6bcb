import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { round, toPercentiles } from '../stats.js';
import { readFeatureRequest, type FeatureRequest } from './inputs.js';
import type { Section } from './section.js';

/** Untimed plans first (JIT), then timed ones; the issue asks for ≥ 200. */
const WARMUP_RUNS = 50;
const TIMED_RUNS = 500;

interface PlannerLike {
  plan(request: FeatureRequest, options?: { signal?: AbortSignal }): Promise<unknown>;
}

/**
 * The rule planner alone, in this process: `createRulePlanner()` from the build, then `await plan()` on
 * feature-request.json, timed per call with `process.hrtime.bigint()` (µs). Imported at run time, so the harness
 * builds and its other sections run while the planner does not exist yet.
 */
export const plannerSection: Section = {
  name: 'planner',
  timeLimitMs: 60_000,
  expected: [],
  async run(ctx) {
    if (!existsSync(ctx.paths.planner)) throw new Error(`${ctx.paths.planner} is missing: run \`npm run build\` first`);
    const mod = (await import(pathToFileURL(ctx.paths.planner).href)) as { createRulePlanner?: () => PlannerLike };
    if (typeof mod.createRulePlanner !== 'function')
      throw new Error(`${ctx.paths.planner} does not export createRulePlanner`);
    const planner = mod.createRulePlanner();
    const request = readFeatureRequest(ctx.paths.featureRequest);
    const first = await planner.plan(request);
    const subtasks = (first as { subtasks?: unknown[] }).subtasks?.length ?? 0;
    for (let i = 0; i < WARMUP_RUNS; i++) await planner.plan(request);
    const latenciesUs: number[] = [];
    const startNs = process.hrtime.bigint();
    for (let i = 0; i < TIMED_RUNS && (i < 200 || ctx.timeLeftMs() > 0); i++) {
      const t0 = process.hrtime.bigint();
      await planner.plan(request);
      latenciesUs.push(Number(process.hrtime.bigint() - t0) / 1e3);
    }
    const totalMs = Number(process.hrtime.bigint() - startNs) / 1e6;
    const p = toPercentiles(latenciesUs);
    const note = `${p.count} runs, plan of ${subtasks} sub-tasks`;
    ctx.emit({ metric: 'plan_p50', value: round(p.p50), unit: 'µs', note });
    ctx.emit({ metric: 'plan_p95', value: round(p.p95), unit: 'µs', note });
    ctx.emit({ metric: 'plans_per_second', value: Math.round((p.count / totalMs) * 1_000), unit: 'plans/s', note });
  },
};
