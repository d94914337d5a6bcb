import type { ArchitectureStyle, RequirementSignal, SignalKind } from '../../src/contracts/architecture.js';
import type { Facts } from './extract-requirements.js';

/** Style ids, in tie-break order: on equal scores the simpler style wins (Fowler, "MonolithFirst"). */
export const STYLE_IDS = [
  'modular-monolith',
  'layered-monolith',
  'web-queue-worker',
  'serverless',
  'event-driven',
  'microservices',
  'cqrs-event-sourcing',
] as const;
export type StyleId = (typeof STYLE_IDS)[number];

/** A style of the catalogue with what it costs. */
export interface StyleDefinition extends ArchitectureStyle {
  id: StyleId;
  summary: string;
  tradeOffs: readonly string[];
}

/** The style catalogue, after the Azure Architecture Center's "Architecture styles" guide plus the monolith variants. */
export const STYLES: readonly [StyleDefinition, ...StyleDefinition[]] = [
  {
    id: 'modular-monolith',
    name: 'Modular monolith',
    summary:
      'One deployable split into domain modules with enforced boundaries and private data, calling each other in-process.',
    tradeOffs: [
      'Scales as one unit: a hot module scales the whole application',
      'Module boundaries erode unless enforced by tooling',
      'One release train: teams coordinate deploys',
    ],
  },
  {
    id: 'layered-monolith',
    name: 'Layered monolith (N-tier)',
    summary: 'Presentation, business and data-access layers in one deployable; each layer calls only the one below.',
    tradeOffs: [
      'Features cut across every layer',
      'Layers group code by technical concern, not domain, so the codebase tangles as it grows',
      'Scales only as a whole',
    ],
  },
  {
    id: 'web-queue-worker',
    name: 'Web-Queue-Worker',
    summary: 'A web front end serves requests and hands slow or heavy work to workers through a durable queue.',
    tradeOffs: [
      'Web and worker tend to share one growing codebase and database',
      'The queue brings at-least-once delivery: jobs must be idempotent',
      'Best for a relatively simple domain',
    ],
  },
  {
    id: 'serverless',
    name: 'Serverless (functions + managed services)',
    summary: 'Event-triggered functions on a managed platform that scales to zero and bills per invocation.',
    tradeOffs: [
      'Execution limits (AWS Lambda: 15 minutes) and cold starts',
      'Lock-in to the platform’s triggers and services',
      'Cost grows linearly with sustained high volume',
      'Harder local testing and tracing',
    ],
  },
  {
    id: 'event-driven',
    name: 'Event-driven (broker + consumers)',
    summary: 'Producers publish events to a broker; independent consumers process them asynchronously.',
    tradeOffs: [
      'Eventual consistency; no end-to-end transaction',
      'Ordering, duplicates and poison messages need idempotency and dead-letter queues',
      'Flows are harder to trace across consumers',
    ],
  },
  {
    id: 'microservices',
    name: 'Microservices',
    summary: 'Independently deployable services, each owning its data, aligned to business capabilities and teams.',
    tradeOffs: [
      'Distributed-system costs: partial failure, cross-service consistency (sagas, outbox)',
      'Needs per-service CI/CD, observability and a platform team',
      'Higher infrastructure and coordination cost (the "microservice premium")',
    ],
  },
  {
    id: 'cqrs-event-sourcing',
    name: 'CQRS + event sourcing',
    summary: 'Commands append events to an event store; projections build read models optimised for queries.',
    tradeOffs: [
      'Read models are eventually consistent',
      'Event schema versioning and replay tooling are required',
      'Significant complexity; worth it only where history and read scaling matter',
    ],
  },
];

/**
 * A weighted scoring rule. When `match` returns signals (an empty list for priors) the rule fires and adds
 * `deltas[style]` to each listed style, quoting those signals as evidence. `source` names where the rule comes from.
 */
export interface StyleRule {
  id: string;
  description: string;
  source: string;
  deltas: Partial<Record<StyleId, number>>;
  match(facts: Facts): RequirementSignal[] | null;
}

/** Fires with the first signal of `kind`. */
export const when = (kind: SignalKind) => (f: Facts) => {
  const signal = f.first(kind);
  return signal ? [signal] : null;
};
/** Fires with the first signal of `kind` whose value passes `test`. */
export const numeric = (kind: SignalKind, test: (v: number) => boolean) => (f: Facts) => {
  const signal = f.all(kind).find((s) => s.value !== null && test(s.value));
  return signal ? [signal] : null;
};
/** Fires with the first matcher that fires. */
export const any =
  (...matchers: Array<(f: Facts) => RequirementSignal[] | null>) =>
  (f: Facts) => {
    for (const m of matchers) {
      const hit = m(f);
      if (hit) return hit;
    }
    return null;
  };
/** True when the brief names at most `max` teams (one team when it names none). */
export const teamCountAtMost = (f: Facts, max: number) => (f.value('team_count') ?? 1) <= max;
