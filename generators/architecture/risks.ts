import type { Risk, SignalKind } from '../../src/contracts/architecture.js';
import type { DesignContext } from './context.js';
import type { Facts } from './extract-requirements.js';
import type { StyleId } from './styles.js';

/** The main risk each style carries (from each style's "challenges" in the Azure Architecture Center guide). */
const STYLE_RISKS: Readonly<Record<StyleId, Risk>> = {
  'modular-monolith': {
    risk: 'Module boundaries erode into a tangled monolith',
    likelihood: 'medium',
    impact: 'high',
    mitigation:
      'Enforce module boundaries in CI (import rules / architecture tests), give each module its own schema and owner, and allow cross-module calls only through public interfaces or events.',
  },
  'layered-monolith': {
    risk: 'Business logic leaks across layers and the codebase turns into a big ball of mud',
    likelihood: 'high',
    impact: 'medium',
    mitigation:
      'Keep domain rules in the business layer only, enforce layer dependencies in CI, and split by domain module as it grows.',
  },
  'web-queue-worker': {
    risk: 'Job backlog or poison jobs delay results and retry storms overload dependencies',
    likelihood: 'medium',
    impact: 'medium',
    mitigation:
      'Idempotent jobs, bounded retries with back-off, a dead-letter queue with alerts, and worker autoscaling on queue depth and oldest-job age.',
  },
  serverless: {
    risk: 'Platform limits (run time, payload size, concurrency) and cold starts surface in production',
    likelihood: 'medium',
    impact: 'medium',
    mitigation:
      'Load-test with production-like traffic, set reserved/provisioned concurrency where latency matters, and keep long work in resumable steps.',
  },
  'event-driven': {
    risk: 'Eventual consistency, duplicates and out-of-order events corrupt derived data',
    likelihood: 'medium',
    impact: 'high',
    mitigation:
      'Idempotent consumers keyed by event id, per-key ordering through partitions, schema registry with compatibility checks, dead-letter topics and replay tooling.',
  },
  microservices: {
    risk: 'Distributed-system complexity outgrows the team: cascading failures and cross-service data inconsistency',
    likelihood: 'high',
    impact: 'high',
    mitigation:
      'Timeouts, retries with budgets and circuit breakers on every call; transactional outbox and sagas for cross-service workflows; a platform team and distributed tracing from day one.',
  },
  'cqrs-event-sourcing': {
    risk: 'Event schema changes and projection lag break read models',
    likelihood: 'medium',
    impact: 'high',
    mitigation:
      'Versioned events with upcasters, projection rebuild tooling tested in CI, and lag monitoring with user-visible "updating" states.',
  },
};

type SignalRisk = [kind: SignalKind | `compliance:${string}`, risk: Risk];

/** Risks raised by specific requirements. */
const SIGNAL_RISKS: readonly SignalRisk[] = [
  [
    'compliance:hipaa',
    {
      risk: 'PHI exposure through a vendor without a BAA, logs or a misconfigured store',
      likelihood: 'medium',
      impact: 'high',
      mitigation:
        'Vendor inventory with BAA status, PHI-scrubbing log pipeline, encryption and public-access blocks enforced by policy-as-code, yearly HIPAA risk analysis.',
    },
  ],
  [
    'compliance:gdpr',
    {
      risk: 'Unlawful cross-border transfer or an erasure request that misses a data store',
      likelihood: 'medium',
      impact: 'high',
      mitigation:
        'Data map of every store holding personal data, region pinning enforced in infrastructure code, and an automated erasure workflow tested end to end.',
    },
  ],
  [
    'compliance:pci-dss',
    {
      risk: 'PCI scope creep: card data reaching systems outside the segmented environment',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Hosted payment fields only, DLP checks on logs, segmentation tests every six months.',
    },
  ],
  [
    'compliance:fedramp',
    {
      risk: 'A dependency outside the authorisation boundary blocks or delays authorisation',
      likelihood: 'medium',
      impact: 'high',
      mitigation:
        'Choose only FedRAMP-authorised services at the target impact level and track the boundary in the system security plan.',
    },
  ],
  [
    'requests_per_second',
    {
      risk: 'Peak load exceeds capacity (database connections first)',
      likelihood: 'medium',
      impact: 'high',
      mitigation:
        'Load tests at the planned headroom before launch, connection pooling, autoscaling limits checked against database capacity.',
    },
  ],
  [
    'real_time',
    {
      risk: 'Reconnect storms after a deploy or outage overload the real-time gateway',
      likelihood: 'medium',
      impact: 'medium',
      mitigation:
        'Jittered exponential back-off in clients, connection draining on deploy, and admission limits per instance.',
    },
  ],
  [
    'video',
    {
      risk: 'Video quality and relay (TURN/SFU) costs grow with usage',
      likelihood: 'medium',
      impact: 'medium',
      mitigation:
        'Use a managed video provider with usage alerts; measure call quality (packet loss, jitter) per session.',
    },
  ],
  [
    'budget',
    {
      risk: 'Cloud spend outgrows the budget',
      likelihood: 'medium',
      impact: 'medium',
      mitigation:
        'Budgets and alerts per environment, cost allocation tags, scale-to-minimum outside peaks, and a monthly cost review.',
    },
  ],
  [
    'multi_tenancy',
    {
      risk: 'Cross-tenant data leak or noisy-neighbour degradation',
      likelihood: 'low',
      impact: 'high',
      mitigation:
        'Row-level security with tenant id from the token, tenant-aware tests, and per-tenant rate limits and quotas.',
    },
  ],
  [
    'multi_region',
    {
      risk: 'Replication lag or split-brain between regions',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Single write region per record, documented RPO/RTO, and regular failover drills.',
    },
  ],
  [
    'offline',
    {
      risk: 'Conflicting offline edits overwrite each other',
      likelihood: 'high',
      impact: 'medium',
      mitigation:
        'Per-record versions, explicit conflict-resolution rules per entity, and a sync log users can review.',
    },
  ],
  [
    'ml',
    {
      risk: 'Model quality drifts silently after launch',
      likelihood: 'medium',
      impact: 'medium',
      mitigation:
        'Version models with their data, monitor prediction distributions, and keep a rollback to the previous model.',
    },
  ],
  [
    'iot',
    {
      risk: 'Device fleets reconnecting at once flood ingestion',
      likelihood: 'medium',
      impact: 'high',
      mitigation:
        'Randomised reconnect back-off in firmware, per-device rate limits, and buffering in the event stream.',
    },
  ],
];

function hasSignal(facts: Facts, key: SignalRisk[0]): boolean {
  return key.startsWith('compliance:')
    ? facts.signals.some((s) => s.id === key)
    : facts.first(key as SignalKind) !== undefined;
}

/** The chosen style's main risk, then one risk per matching requirement, then a small-team risk when it applies. */
export function designRisks(ctx: DesignContext): Risk[] {
  const risks: Risk[] = [STYLE_RISKS[ctx.style.id]];
  for (const [key, risk] of SIGNAL_RISKS) if (hasSignal(ctx.facts, key)) risks.push(risk);
  const team = ctx.facts.value('team_size');
  if (team !== undefined && team <= 3) {
    risks.push({
      risk: `Bus factor: a team of ${team} holds all operational knowledge`,
      likelihood: 'high',
      impact: 'medium',
      mitigation:
        'Managed services over self-hosted ones, runbooks in the repository, and infrastructure fully in code.',
    });
  }
  if (ctx.style.id === 'serverless' && ctx.facts.first('real_time')) {
    risks.push({
      risk: 'Real-time connections do not fit function run-time limits',
      likelihood: 'high',
      impact: 'medium',
      mitigation:
        'Terminate WebSockets in a managed pub/sub or WebSocket service and keep functions for message handling.',
    });
  }
  return risks;
}
