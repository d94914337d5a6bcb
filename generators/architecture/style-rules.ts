/** The weighted rules that score each architecture style, each with the guidance it comes from. */
import { any, numeric, teamCountAtMost, when, type StyleRule } from './styles.js';

const FOWLER_MONOLITH_FIRST = 'Martin Fowler, "MonolithFirst" (2015)';
const FOWLER_PREMIUM = 'Martin Fowler, "Microservice Premium" (2015)';
const TEAM_TOPOLOGIES = 'Skelton & Pais, "Team Topologies" (2019): team cognitive load and Conway’s law';
const AZURE = 'Azure Architecture Center, architecture styles';
const AZURE_MS = `${AZURE}: Microservices, "when to use"`;
const AZURE_ED = `${AZURE}: Event-driven, "when to use"`;
const AZURE_WQW = `${AZURE}: Web-Queue-Worker, "when to use"`;
const AZURE_NTIER = `${AZURE}: N-tier, "when to use"`;
const CQRS_SOURCES =
  'Martin Fowler, "Event Sourcing" (2005) and "CQRS" (2011); Azure Architecture Center, CQRS and Event Sourcing patterns';
const AWS_SERVERLESS = 'AWS Well-Architected Framework, Serverless Applications Lens';
const AWS_LIMITS =
  'AWS Lambda quotas (15-minute maximum run time); API Gateway WebSocket quotas (2-hour connection limit)';

/** The rules, in reporting order. Weights are relative; a +6/−5 rule is decisive, a ±1 rule a nudge. */
export const STYLE_RULES: readonly StyleRule[] = [
  {
    id: 'monolith-first',
    description: 'Default prior: start with a monolith and split only when the need is proven',
    source: FOWLER_MONOLITH_FIRST,
    deltas: { 'modular-monolith': 3, 'layered-monolith': 1 },
    match: () => [],
  },
  {
    id: 'small-team',
    description: 'Small team (≤ 8 engineers): one deployable keeps cognitive and operational load low',
    source: `${FOWLER_PREMIUM}; ${TEAM_TOPOLOGIES}`,
    deltas: {
      'modular-monolith': 4,
      'layered-monolith': 2,
      'web-queue-worker': 2,
      serverless: 1,
      microservices: -5,
      'event-driven': -1,
      'cqrs-event-sourcing': -2,
    },
    match: (f) => (teamCountAtMost(f, 1) ? numeric('team_size', (v) => v <= 8)(f) : null),
  },
  {
    id: 'few-teams',
    description: 'A few teams (9–30 engineers): modules give each team an owned boundary without a distributed system',
    source: `${TEAM_TOPOLOGIES}; Simon Brown, "Modular monoliths" (2018)`,
    deltas: { 'modular-monolith': 3, microservices: 1 },
    match: (f) => (teamCountAtMost(f, 3) ? numeric('team_size', (v) => v > 8 && v <= 30)(f) : null),
  },
  {
    id: 'many-teams',
    description:
      'Many teams (≥ 4 teams or > 30 engineers): service boundaries per team reduce coordination (Conway’s law)',
    source: `${AZURE_MS}; ${TEAM_TOPOLOGIES}`,
    deltas: {
      microservices: 6,
      'event-driven': 1,
      'modular-monolith': -2,
      'layered-monolith': -4,
      'web-queue-worker': -2,
    },
    match: any(
      numeric('team_count', (v) => v >= 4),
      numeric('team_size', (v) => v > 30),
    ),
  },
  {
    id: 'independent-deploys',
    description: 'Independent deployments required: release velocity per team',
    source: AZURE_MS,
    deltas: { microservices: 5, serverless: 1, 'modular-monolith': -2, 'layered-monolith': -3 },
    match: when('independent_deploys'),
  },
  {
    id: 'mvp',
    description: 'MVP / time to market: least moving parts first, split later',
    source: FOWLER_MONOLITH_FIRST,
    deltas: {
      'modular-monolith': 3,
      'layered-monolith': 2,
      serverless: 2,
      'web-queue-worker': 1,
      microservices: -4,
      'event-driven': -1,
      'cqrs-event-sourcing': -3,
    },
    match: when('mvp'),
  },
  {
    id: 'budget',
    description: 'Budget sensitivity: few deployables, or pay-per-use compute',
    source: `${FOWLER_PREMIUM}; ${AWS_SERVERLESS}`,
    deltas: {
      'modular-monolith': 2,
      serverless: 2,
      'layered-monolith': 1,
      microservices: -3,
      'event-driven': -1,
      'cqrs-event-sourcing': -1,
    },
    match: when('budget'),
  },
  {
    id: 'high-throughput',
    description: 'High throughput (≥ 10,000 req/s): scale hot paths independently',
    source: AZURE_MS,
    deltas: { microservices: 3, 'event-driven': 2, serverless: -1, 'layered-monolith': -2 },
    match: numeric('requests_per_second', (v) => v >= 10_000),
  },
  {
    id: 'low-volume',
    description: 'Low volume (< 50 req/s or stated): pay-per-invocation beats always-on capacity',
    source: AWS_SERVERLESS,
    deltas: { serverless: 3, microservices: -2, 'event-driven': -1 },
    match: any(
      numeric('requests_per_second', (v) => v < 50),
      when('low_volume'),
    ),
  },
  {
    id: 'spiky-traffic',
    description: 'Spiky or intermittent traffic: scale out on demand and to zero when idle',
    source: AWS_SERVERLESS,
    deltas: { serverless: 4, 'event-driven': 1, 'layered-monolith': -1 },
    match: when('spiky'),
  },
  {
    id: 'event-handlers',
    description: 'Discrete event handlers (webhooks, triggers): a natural fit for functions',
    source: AWS_SERVERLESS,
    deltas: { serverless: 4, 'event-driven': 2, 'web-queue-worker': 1 },
    match: when('event_handlers'),
  },
  {
    id: 'iot',
    description: 'IoT / device telemetry: high-volume, high-velocity event ingestion',
    source: AZURE_ED,
    deltas: { 'event-driven': 6, serverless: -1, 'modular-monolith': -1, 'layered-monolith': -2 },
    match: when('iot'),
  },
  {
    id: 'event-streams',
    description: 'Event streams consumed by several subsystems',
    source: AZURE_ED,
    deltas: { 'event-driven': 4, 'cqrs-event-sourcing': 1 },
    match: when('event_streams'),
  },
  {
    id: 'high-event-rate',
    description:
      'Sustained event rate (≥ 1,000 events/s or ≥ 10,000 devices): a partitioned log, not per-invocation compute',
    source: `${AZURE_ED}; ${AWS_SERVERLESS}`,
    deltas: { 'event-driven': 3, serverless: -2 },
    match: any(
      numeric('events_per_second', (v) => v >= 1_000),
      numeric('device_count', (v) => v >= 10_000),
    ),
  },
  {
    id: 'real-time',
    description: 'Real-time connections (WebSocket, chat, live updates): long-lived connections need always-on servers',
    source: AWS_LIMITS,
    deltas: { 'modular-monolith': 1, 'event-driven': 1, serverless: -3 },
    match: when('real_time'),
  },
  {
    id: 'notifications',
    description: 'Notifications fan out from domain events',
    source: AZURE_ED,
    deltas: { 'event-driven': 1, 'web-queue-worker': 1 },
    match: when('notifications'),
  },
  {
    id: 'long-running-jobs',
    description: 'Long-running jobs: keep them off the request path on queue-fed workers',
    source: `${AZURE_WQW}; ${AWS_LIMITS}`,
    deltas: { 'web-queue-worker': 7, serverless: -3, 'layered-monolith': -1 },
    match: when('long_running'),
  },
  {
    id: 'batch',
    description: 'Batch / ETL work runs on workers fed by a queue or schedule',
    source: AZURE_WQW,
    deltas: { 'web-queue-worker': 3, 'event-driven': 1 },
    match: when('batch'),
  },
  {
    id: 'ml',
    description: 'ML inference or training runs as background work on dedicated workers',
    source: AZURE_WQW,
    deltas: { 'web-queue-worker': 2, 'event-driven': 1 },
    match: when('ml'),
  },
  {
    id: 'event-sourcing',
    description: 'Event sourcing / CQRS asked for: history is the source of truth',
    source: CQRS_SOURCES,
    deltas: { 'cqrs-event-sourcing': 7, 'event-driven': 2 },
    match: when('event_sourcing'),
  },
  {
    id: 'audit-trail',
    description: 'Full audit trail: an append-only event log records every change',
    source: CQRS_SOURCES,
    deltas: { 'cqrs-event-sourcing': 2 },
    match: when('audit'),
  },
  {
    id: 'read-heavy',
    description: 'Read-heavy workload: separate read models scale independently of writes',
    source: CQRS_SOURCES,
    deltas: { 'cqrs-event-sourcing': 3 },
    match: when('read_heavy'),
  },
  {
    id: 'complex-domain',
    description: 'Complex domain with several bounded contexts: needs explicit boundaries',
    source: `${AZURE_MS}; Eric Evans, "Domain-Driven Design" (2003)`,
    deltas: { microservices: 2, 'modular-monolith': 2, 'cqrs-event-sourcing': 1, 'layered-monolith': -2 },
    match: when('complex_domain'),
  },
  {
    id: 'simple-domain',
    description: 'Simple CRUD domain: a layered application is enough',
    source: AZURE_NTIER,
    deltas: {
      'layered-monolith': 4,
      'modular-monolith': 1,
      'web-queue-worker': 1,
      microservices: -3,
      'cqrs-event-sourcing': -3,
      'event-driven': -1,
    },
    match: when('simple_domain'),
  },
  {
    id: 'legacy-migration',
    description: 'Migrating an existing application with minimal refactoring',
    source: AZURE_NTIER,
    deltas: { 'layered-monolith': 4 },
    match: when('legacy_migration'),
  },
  {
    id: 'multi-region',
    description: 'Multi-region deployment: stateless, independently placed units replicate more easily',
    source: AZURE_MS,
    deltas: { microservices: 1, 'event-driven': 1, serverless: 1, 'layered-monolith': -1 },
    match: when('multi_region'),
  },
  {
    id: 'regulated-data',
    description: 'Regulated data: fewer deployables and data stores keep the audit scope small',
    source:
      'PCI SSC, "Guidance for PCI DSS Scoping and Network Segmentation" (2016); HHS HIPAA Security Rule risk analysis, 45 CFR 164.308(a)(1)',
    deltas: { 'modular-monolith': 1, 'layered-monolith': 1, microservices: -1 },
    match: (f) => (f.all('compliance').length > 0 ? f.all('compliance') : null),
  },
  {
    id: 'strict-latency',
    description: 'Strict latency target (≤ 100 ms): avoid cold starts and extra network hops',
    source: `${AWS_LIMITS}; AWS Lambda documentation on cold starts`,
    deltas: { serverless: -2, microservices: -1, 'modular-monolith': 1 },
    match: numeric('latency', (v) => v <= 100),
  },
  {
    id: 'high-availability',
    description: 'Availability ≥ 99.99 %: isolate failures so one fault does not take down everything',
    source: 'Google, "Site Reliability Engineering" (2016), ch. 3 "Embracing Risk"',
    deltas: { microservices: 1, 'event-driven': 1, 'layered-monolith': -1 },
    match: numeric('availability', (v) => v >= 99.99),
  },
];
