/**
 * Small, dependency-free statistics for the benchmark: nearest-rank percentiles and medians.
 * Nearest-rank (not interpolated) so every reported percentile is a value that was actually measured.
 */

/**
 * The `p`-th percentile (0 < p ≤ 100) of `values` by the nearest-rank method.
 *
 * @throws RangeError when `values` is empty or `p` is outside (0, 100].
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of an empty sample');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** The median (50th percentile, nearest rank; for an even count the lower middle value). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** p50/p95/p99 of one sample, in the sample's unit. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  count: number;
}

/** p50/p95/p99 and the sample size. @throws RangeError when `values` is empty. */
export function toPercentiles(values: readonly number[]): Percentiles {
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    count: values.length,
  };
}

/** Rounds to `digits` decimals (figures are reported, not computed with, after this). */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Milliseconds elapsed since `startNs` (a `process.hrtime.bigint()` reading). */
export function elapsedMs(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e6;
}

/** Microseconds elapsed since `startNs` (a `process.hrtime.bigint()` reading). */
export function elapsedUs(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e3;
}
