import { afterEach, describe, expect, it } from 'vitest';
import { toHealthVerdict } from '../../../src/telemetry/health.js';
import { createLatencyRecorder } from '../../../src/telemetry/latency.js';
import { createMetrics, type Metrics, type ProcessStats } from '../../../src/telemetry/metrics.js';

describe('latency recorder', () => {
  it('reports percentiles of recorded durations at microsecond resolution', () => {
    const recorder = createLatencyRecorder();
    for (let i = 1; i <= 100; i += 1) recorder.record(i);
    const s = recorder.summary();
    expect(s.count).toBe(100);
    expect(s.p50_ms).toBeCloseTo(50, 0);
    expect(s.p99_ms).toBeCloseTo(99, 0);
    expect(s.max_ms).toBeCloseTo(100, 0);
  });

  it('reports zeros before any call', () => {
    expect(createLatencyRecorder().summary()).toEqual({ count: 0, p50_ms: 0, p95_ms: 0, p99_ms: 0, max_ms: 0 });
  });
});

describe('metrics', () => {
  let metrics: Metrics;
  afterEach(() => metrics.dispose());

  it('counts calls and errors per tool', () => {
    metrics = createMetrics();
    metrics.recordToolCall('ping', 0.2, true);
    metrics.recordToolCall('ping', 0.4, false);
    expect(metrics.tools().ping).toMatchObject({ calls: 2, errors: 1, count: 2 });
    expect(metrics.process().rss_mb).toBeGreaterThan(0);
  });
});

describe('health verdict', () => {
  const proc: ProcessStats = {
    uptime_ms: 1,
    rss_mb: 50,
    heap_used_mb: 20,
    heap_total_mb: 30,
    heap_limit_mb: 4000,
    event_loop_delay_p50_ms: 10,
    event_loop_delay_p99_ms: 12,
    event_loop_delay_max_ms: 15,
  };
  const tool = { calls: 20, errors: 0, count: 20, p50_ms: 1, p95_ms: 1, p99_ms: 1, max_ms: 1 };

  it.each([
    ['healthy', proc, { ping: tool }],
    ['degraded', { ...proc, event_loop_delay_p99_ms: 250 }, {}],
    ['degraded', { ...proc, heap_used_mb: 3900 }, {}],
    ['degraded', proc, { ping: { ...tool, errors: 15 } }],
    ['healthy', proc, { ping: { ...tool, calls: 3, errors: 3 } }],
  ] as const)('is %s for the case %#', (expected, p, tools) => {
    const verdict = toHealthVerdict(p, tools);
    expect(verdict.status).toBe(expected);
    expect(verdict.reasons.length).toBeGreaterThan(0);
  });
});
