import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/**
 * Measured figures of one downstream server: attempts, failures, `isError` answers, cache and coalescing counters,
 * and a latency histogram of attempts (Node's HDR histogram at µs resolution, constant memory).
 */
export interface ServerStats {
  calls: number;
  errors: number;
  toolErrors: number;
  cacheHits: number;
  cacheMisses: number;
  coalesced: number;
  retries: number;
  failovers: number;
  restarts: number;
  /** Records one finished attempt's wall time, ms. */
  recordLatency(durationMs: number): void;
  /** p50 and p95 of recorded attempts, ms rounded to 1 µs; 0 before the first. */
  percentiles(): { p50Ms: number; p95Ms: number };
  /** Cache hits over cacheable calls, rounded to 0.001; null before the first cacheable call. */
  cacheHitRate(): number | null;
}

/** Creates empty {@link ServerStats}. */
export function createServerStats(): ServerStats {
  const histogram: RecordableHistogram = createHistogram();
  const ms = (us: number): number => Math.round(us) / 1_000;
  return {
    calls: 0,
    errors: 0,
    toolErrors: 0,
    cacheHits: 0,
    cacheMisses: 0,
    coalesced: 0,
    retries: 0,
    failovers: 0,
    restarts: 0,
    recordLatency(durationMs) {
      histogram.record(Math.max(1, Math.round(durationMs * 1_000)));
    },
    percentiles() {
      if (histogram.count === 0) return { p50Ms: 0, p95Ms: 0 };
      return { p50Ms: ms(histogram.percentile(50)), p95Ms: ms(histogram.percentile(95)) };
    },
    cacheHitRate() {
      const total = this.cacheHits + this.cacheMisses;
      return total === 0 ? null : Math.round((this.cacheHits / total) * 1_000) / 1_000;
    },
  };
}
