import { existsSync } from 'node:fs';
import { runClosedLoop, toolCallLine } from '../load.js';
import type { RawRpcClient } from '../rpc-client.js';
import { below } from '../report.js';
import { round } from '../stats.js';
import { readArgs, readFixCases, toFixArgs } from './inputs.js';
import type { Section } from './section.js';

/** Calls in the run, and the call count at which the first RSS reading is taken (issue: 10,000 and 5,000). */
const TOTAL_CALLS = 10_000;
const MIDPOINT_CALLS = 5_000;
/** Requests kept in flight. */
const CONCURRENCY = 4;
/** Budget (issue): RSS growth between call 5,000 and call 10,000 < 5 %. */
const RSS_GROWTH_MAX_PERCENT = 5;
const LOAD_TIMEOUT_MS = 150_000;

/** Inputs used when the example/fixture files are absent (the note says so). */
const FALLBACK_FIX = {
  code: 'const value = 1;\nconsole.log(valeu);\n',
  language: 'typescript',
  file_name: 'fallback.ts',
};
const FALLBACK_BRIEF = { project_description: 'A task tracker for a team of 5 with 2,000 daily users.' };

/**
 * Leak check: one fresh server takes {@link TOTAL_CALLS} calls, {@link CONCURRENCY} in flight, in a fixed mix per
 * 100 calls: 60 `ping`, 20 `list_capabilities`, 17 `get_system_status`, 2 `generate_architecture`, 1 `auto_fix_code`.
 * VmRSS is read when the 5,000th and the 10,000th answers arrive; nothing forces a GC.
 */
export const memorySection: Section = {
  name: 'memory',
  timeLimitMs: 150_000,
  expected: [{ metric: 'rss_growth_5k_to_10k', unit: '%', budget: `< ${RSS_GROWTH_MAX_PERCENT}` }],
  async run(ctx) {
    const { fixArgs, briefArgs, inputs } = readInputs(ctx.paths.fixCases, ctx.paths.architectureBrief);
    const lines = {
      ping: toolCallLine('ping', {}),
      list: toolCallLine('list_capabilities', {}),
      status: toolCallLine('get_system_status', {}),
      architecture: toolCallLine('generate_architecture', briefArgs),
      fix: toolCallLine('auto_fix_code', fixArgs),
    };
    const pick = (index: number): ((id: number) => string) => {
      const slot = index % 100;
      if (slot < 60) return lines.ping;
      if (slot < 80) return lines.list;
      if (slot < 97) return lines.status;
      return slot < 99 ? lines.architecture : lines.fix;
    };
    const client = await ctx.registry.start('ours');
    const rssStartMb = client.rssMb();
    const m = await driveMix(client, pick, Math.max(10_000, Math.min(LOAD_TIMEOUT_MS, ctx.timeLeftMs())));
    await ctx.registry.close(client);
    const growth = ((m.rssEndMb - m.rssMidMb) / m.rssMidMb) * 100;
    const note = `${TOTAL_CALLS} calls in ${round(m.elapsedMs / 1000)} s, ${CONCURRENCY} in flight; ${inputs}`;
    const heapNote = 'heap_used_mb of the last get_system_status answered by then (the server measuring itself)';
    ctx.emit({ metric: 'rss_after_start', value: round(rssStartMb), unit: 'MB' });
    ctx.emit({ metric: 'rss_at_call_5000', value: round(m.rssMidMb), unit: 'MB' });
    ctx.emit({ metric: 'rss_at_call_10000', value: round(m.rssEndMb), unit: 'MB', note });
    ctx.emit({
      metric: 'rss_growth_5k_to_10k',
      value: round(growth, 2),
      unit: '%',
      ...below(growth, RSS_GROWTH_MAX_PERCENT),
      note,
    });
    ctx.emit({ metric: 'heap_used_at_call_5000', value: m.heapMidMb, unit: 'MB', note: heapNote });
    ctx.emit({ metric: 'heap_used_at_call_10000', value: m.heapEndMb, unit: 'MB', note: heapNote });
    ctx.emit({
      metric: 'tool_errors',
      value: m.toolErrors,
      unit: 'calls',
      note: 'isError results among the 10,000 calls',
    });
  },
};

interface MixMeasurement {
  rssMidMb: number;
  rssEndMb: number;
  heapMidMb: number | null;
  heapEndMb: number | null;
  toolErrors: number;
  elapsedMs: number;
}

/** Runs the mix; reads VmRSS at answers 5,000 and 10,000 and keeps the heap figure the server last reported. */
async function driveMix(
  client: RawRpcClient,
  pick: (index: number) => (id: number) => string,
  timeoutMs: number,
): Promise<MixMeasurement> {
  const m: MixMeasurement = {
    rssMidMb: NaN,
    rssEndMb: NaN,
    heapMidMb: null,
    heapEndMb: null,
    toolErrors: 0,
    elapsedMs: 0,
  };
  let lastHeapMb: number | null = null;
  const result = await runClosedLoop(client, (id, index) => pick(index)(id), {
    concurrency: CONCURRENCY,
    calls: TOTAL_CALLS,
    timeoutMs,
    onResult: (res, completed) => {
      const r = res as { isError?: boolean; structuredContent?: { process?: { heap_used_mb?: unknown } } } | undefined;
      if (r?.isError) m.toolErrors += 1;
      const heap = r?.structuredContent?.process?.heap_used_mb;
      if (typeof heap === 'number') lastHeapMb = heap;
      if (completed === MIDPOINT_CALLS) {
        m.rssMidMb = client.rssMb();
        m.heapMidMb = lastHeapMb;
      }
      if (completed === TOTAL_CALLS) {
        m.rssEndMb = client.rssMb();
        m.heapEndMb = lastHeapMb;
      }
    },
  });
  m.elapsedMs = result.elapsedMs;
  return m;
}

function readInputs(casesPath: string, briefPath: string) {
  const tsCase = existsSync(casesPath) ? readFixCases(casesPath).find((c) => c.language === 'typescript') : undefined;
  const fixArgs = tsCase ? toFixArgs(tsCase) : FALLBACK_FIX;
  const briefArgs = existsSync(briefPath) ? readArgs(briefPath) : FALLBACK_BRIEF;
  const inputs = `fix input: ${tsCase ? tsCase.file : 'built-in fallback snippet'}, brief: ${existsSync(briefPath) ? 'architecture-brief.json' : 'built-in fallback'}`;
  return { fixArgs, briefArgs, inputs };
}
