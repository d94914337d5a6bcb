import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { createLatencyRecorder, round, type LatencyRecorder, type LatencySummary } from './latency.js';

/** Sampling resolution of the event-loop delay monitor, ms (Node's default is 10). */
const EVENT_LOOP_RESOLUTION_MS = 10;
const BYTES_PER_MB = 1024 * 1024;

/** Per-tool counters and latency percentiles (ms), fed by every call through the tool-kit. */
export interface ToolStats extends LatencySummary {
  calls: number;
  errors: number;
}

/** Process figures, all read from Node at snapshot time. */
export interface ProcessStats {
  uptime_ms: number;
  rss_mb: number;
  heap_used_mb: number;
  heap_total_mb: number;
  heap_limit_mb: number;
  event_loop_delay_p50_ms: number;
  event_loop_delay_p99_ms: number;
  event_loop_delay_max_ms: number;
}

/** Measured runtime metrics of this server process. Own it in the composition root; call `dispose()` on shutdown. */
export interface Metrics {
  /** Records one finished tool call. `durationMs` is measured wall time; `ok` false when the result was an error. */
  recordToolCall(tool: string, durationMs: number, ok: boolean): void;
  tools(): Record<string, ToolStats>;
  process(): ProcessStats;
  dispose(): void;
}

/**
 * Creates the metrics registry: an event-loop delay monitor (`perf_hooks.monitorEventLoopDelay`) and one
 * latency histogram per tool, created on the tool's first call. Uptime is the process's (`process.uptime()`).
 */
export function createMetrics(): Metrics {
  const loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
  loopDelay.enable();
  const perTool = new Map<string, { latency: LatencyRecorder; calls: number; errors: number }>();

  return {
    recordToolCall(tool, durationMs, ok) {
      let entry = perTool.get(tool);
      if (!entry) {
        entry = { latency: createLatencyRecorder(), calls: 0, errors: 0 };
        perTool.set(tool, entry);
      }
      entry.calls += 1;
      if (!ok) entry.errors += 1;
      entry.latency.record(durationMs);
    },
    tools() {
      const out: Record<string, ToolStats> = {};
      for (const [name, e] of [...perTool].sort(([a], [b]) => a.localeCompare(b))) {
        out[name] = { calls: e.calls, errors: e.errors, ...e.latency.summary() };
      }
      return out;
    },
    process() {
      const mem = process.memoryUsage();
      const ns = (v: number): number => (Number.isFinite(v) && loopDelay.count > 0 ? round(v / 1e6) : 0);
      return {
        uptime_ms: Math.round(process.uptime() * 1_000),
        rss_mb: round(mem.rss / BYTES_PER_MB, 1),
        heap_used_mb: round(mem.heapUsed / BYTES_PER_MB, 1),
        heap_total_mb: round(mem.heapTotal / BYTES_PER_MB, 1),
        heap_limit_mb: round(getHeapStatistics().heap_size_limit / BYTES_PER_MB, 1),
        event_loop_delay_p50_ms: ns(loopDelay.percentile(50)),
        event_loop_delay_p99_ms: ns(loopDelay.percentile(99)),
        event_loop_delay_max_ms: ns(loopDelay.max),
      };
    },
    dispose() {
      loopDelay.disable();
    },
  };
}
