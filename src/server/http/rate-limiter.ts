/** A per-client request budget. */
export interface RateLimiter {
  /** Takes one request from `key`'s budget; when empty, says how long until one is available again. */
  take(key: string, nowMs?: number): { allowed: true } | { allowed: false; retryAfterS: number };
  /** Number of clients currently tracked (bounded by `maxClients`). */
  readonly size: number;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Requests per minute per key; also the burst size. 0 disables limiting. */
  perMinute: number;
  /** Most keys tracked; past it, keys whose bucket has refilled are forgotten first, then the oldest. */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * A token bucket per key: capacity `perMinute`, refilled continuously at `perMinute / 60` per second. Memory is
 * bounded by `maxClients` (default 10,000), so a flood of distinct keys cannot grow it without limit.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { perMinute } = options;
  const maxClients = options.maxClients ?? 10_000;
  const ratePerMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();

  function refill(bucket: Bucket, nowMs: number): void {
    bucket.tokens = Math.min(perMinute, bucket.tokens + (nowMs - bucket.updatedMs) * ratePerMs);
    bucket.updatedMs = nowMs;
  }

  function prune(nowMs: number): void {
    for (const [key, bucket] of buckets) {
      refill(bucket, nowMs);
      if (bucket.tokens >= perMinute) buckets.delete(key);
    }
    while (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value as string);
  }

  return {
    take(key, nowMs = Date.now()) {
      if (perMinute === 0) return { allowed: true };
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxClients) prune(nowMs);
        bucket = { tokens: perMinute, updatedMs: nowMs };
        buckets.set(key, bucket);
      }
      refill(bucket, nowMs);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1_000)) };
    },
    get size() {
      return buckets.size;
    },
  };
}
