import type { ProcessStats, ToolStats } from './metrics.js';

/** Event-loop delay p99 above which the server is `degraded`, ms (a blocked loop delays every client). */
export const HEALTH_LOOP_DELAY_P99_MAX_MS = 100;
/** Heap use above this share of V8's heap limit makes the server `degraded`. */
export const HEALTH_HEAP_SHARE_MAX = 0.85;
/** A tool whose error share exceeds this, over at least {@link HEALTH_MIN_CALLS} calls, makes it `degraded`. */
export const HEALTH_TOOL_ERROR_SHARE_MAX = 0.5;
export const HEALTH_MIN_CALLS = 10;

/** The health verdict: `healthy` or `degraded`, with one reason per rule evaluated, citing the measured value. */
export interface HealthVerdict {
  status: 'healthy' | 'degraded';
  reasons: string[];
}

/**
 * Judges health from measured figures only. Rules and thresholds are the constants above; each rule adds a
 * reason whether it passed or failed, so the verdict can be audited.
 */
export function toHealthVerdict(proc: ProcessStats, tools: Record<string, ToolStats>): HealthVerdict {
  const reasons: string[] = [];
  let degraded = false;
  const loopOk = proc.event_loop_delay_p99_ms <= HEALTH_LOOP_DELAY_P99_MAX_MS;
  degraded ||= !loopOk;
  reasons.push(
    `event-loop delay p99 ${proc.event_loop_delay_p99_ms} ms ${loopOk ? '≤' : '>'} ${HEALTH_LOOP_DELAY_P99_MAX_MS} ms`,
  );
  const heapShare = proc.heap_limit_mb > 0 ? proc.heap_used_mb / proc.heap_limit_mb : 0;
  const heapOk = heapShare <= HEALTH_HEAP_SHARE_MAX;
  degraded ||= !heapOk;
  reasons.push(`heap ${proc.heap_used_mb} MB of ${proc.heap_limit_mb} MB limit (${Math.round(heapShare * 100)} %)`);
  for (const [name, t] of Object.entries(tools)) {
    if (t.calls < HEALTH_MIN_CALLS) continue;
    const share = t.errors / t.calls;
    if (share > HEALTH_TOOL_ERROR_SHARE_MAX) {
      degraded = true;
      reasons.push(`${name}: ${t.errors} of ${t.calls} calls failed`);
    }
  }
  return { status: degraded ? 'degraded' : 'healthy', reasons };
}
