import type { ScalabilityStep } from '../../src/contracts/architecture.js';
import type { DesignContext } from './context.js';
import { formatNumber } from './extract-requirements.js';

/** Capacity is planned for the stated peak times this factor, to survive a lost instance or zone during a peak. */
export const PEAK_HEADROOM_FACTOR = 1.5;
/** Minutes in the 30-day month used for error budgets. */
const MINUTES_PER_MONTH = 30 * 24 * 60;

function step(trigger: string, action: string, ids: string[]): ScalabilityStep {
  return { trigger, action, requirement_ids: ids };
}

function rateSteps(ctx: DesignContext): ScalabilityStep[] {
  const steps: ScalabilityStep[] = [];
  const rps = ctx.facts.all('requests_per_second')[0];
  if (rps?.value != null) {
    const target = formatNumber(rps.value * PEAK_HEADROOM_FACTOR);
    steps.push(
      step(
        `${rps.label}: ${formatNumber(rps.value)} req/s`,
        `Plan capacity for ${target} req/s (${PEAK_HEADROOM_FACTOR}× headroom). Keep the API tier stateless and autoscale on CPU and request rate; load-test one instance to measure its throughput, then set min/max replicas from the measurement. Use connection pooling so instances × pool size stays below the database's connection limit.`,
        [rps.id],
      ),
    );
    if (rps.value >= 1_000)
      steps.push(
        step(
          `${formatNumber(rps.value)} req/s exceeds a single database's comfortable read load`,
          'Serve hot reads from the cache, move read-only queries to read replicas, and add a CDN for static assets and cacheable GETs.',
          [rps.id],
        ),
      );
  }
  const events = ctx.facts.all('events_per_second')[0];
  const devices = ctx.facts.all('device_count')[0];
  for (const signal of [events, devices]) {
    if (signal?.value == null) continue;
    steps.push(
      step(
        `${signal.label}: ${formatNumber(signal.value)} ${signal.unit ?? ''}`.trim(),
        'Partition the event stream by device/entity id so ordering holds per key; size partitions from measured per-consumer throughput and scale consumers up to the partition count; batch writes to the time-series store.',
        [signal.id],
      ),
    );
  }
  return steps;
}

function userSteps(ctx: DesignContext): ScalabilityStep[] {
  const steps: ScalabilityStep[] = [];
  const users = ctx.facts.first('users_monthly') ?? ctx.facts.first('users_daily') ?? ctx.facts.first('users_total');
  if (users?.value != null) {
    steps.push(
      step(
        `${users.label}: ${formatNumber(users.value)}`,
        'Keep sessions in the cache or in signed tokens (no sticky sessions), serve static assets from a CDN, and index queries by user/tenant id.',
        [users.id],
      ),
    );
  }
  const concurrent = ctx.facts.first('users_concurrent');
  const realtime = ctx.facts.first('real_time');
  if (concurrent?.value != null || realtime) {
    const ids = [concurrent?.id, realtime?.id].filter((x): x is string => x !== undefined);
    const figure =
      concurrent?.value != null
        ? `${formatNumber(concurrent.value)} concurrent users`
        : 'Long-lived real-time connections';
    steps.push(
      step(
        figure,
        'Scale the real-time gateway horizontally on open-connection count; share messages across instances through pub/sub; drain connections gracefully on deploy and let clients reconnect with jittered back-off.',
        ids,
      ),
    );
  }
  return steps;
}

function targetSteps(ctx: DesignContext): ScalabilityStep[] {
  const steps: ScalabilityStep[] = [];
  for (const latency of ctx.facts.all('latency')) {
    if (latency.value === null) continue;
    steps.push(
      step(
        `${latency.label} ≤ ${formatNumber(latency.value)} ms`,
        `Track ${latency.label} per route as an SLO; give each hop a share of the budget, cache hot reads, keep slow work off the request path, and fail load tests that exceed ${formatNumber(latency.value)} ms.`,
        [latency.id],
      ),
    );
  }
  const availability = ctx.facts.first('availability');
  if (availability?.value != null) {
    const budget = formatNumber(((100 - availability.value) / 100) * MINUTES_PER_MONTH);
    const layout =
      availability.value >= 99.99
        ? 'Run active-active or warm standby across two regions'
        : availability.value >= 99.9
          ? 'Run at least two instances per tier across availability zones with a multi-AZ database'
          : 'Run two instances behind a load balancer';
    steps.push(
      step(
        `Availability ${formatNumber(availability.value)} %: error budget ${budget} min per 30-day month`,
        `${layout}; use rolling or blue/green deploys, health checks and automated failover; alert on error-budget burn rate.`,
        [availability.id],
      ),
    );
  }
  const volume = ctx.facts.all('data_volume').find((s) => s.qualifier === null);
  const growth = ctx.facts.all('data_volume').find((s) => s.qualifier === 'growth');
  if (volume?.value != null || growth?.value != null) {
    const ids = [volume?.id, growth?.id].filter((x): x is string => x !== undefined);
    const figure = [
      volume?.value != null ? `${formatNumber(volume.value)} GB stored` : null,
      growth?.value != null ? `${formatNumber(growth.value)} GB/day growth` : null,
    ]
      .filter(Boolean)
      .join(', ');
    steps.push(
      step(
        `Data: ${figure}`,
        'Partition the largest tables by time or tenant, move binaries to object storage, set retention and archival tiers, and test restore time against the recovery objective.',
        ids,
      ),
    );
  }
  return steps;
}

/**
 * Scaling steps, each tied to the figure (signal id) that calls for it; when the brief gives no figures, one
 * step says so and what the design assumes instead of inventing numbers.
 */
export function designScalability(ctx: DesignContext): ScalabilityStep[] {
  const steps = [...rateSteps(ctx), ...userSteps(ctx), ...targetSteps(ctx)];
  if (steps.length > 0) return steps;
  return [
    step(
      'No scale figures in the brief',
      'Start with two stateless instances behind a load balancer for availability; add users/day, requests/s or latency targets to get sized steps.',
      [],
    ),
  ];
}
