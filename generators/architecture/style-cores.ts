/** The components each architecture style contributes, before the capabilities the requirements add. */
import type { Component } from '../../src/contracts/architecture.js';
import { backendTech, named, suggest, techOr, type DesignContext } from './context.js';
import { STORE } from './data-stores.js';

/** Component names shared by the style cores and the capability components. */
export const C = {
  web: 'Web client',
  mobile: 'Mobile app',
  identity: 'Identity provider',
  gateway: 'API gateway',
  observability: 'Observability',
  worker: 'Background worker',
} as const;

/** What a style contributes: its own components, the ones clients call, and the one capabilities attach to. */
export interface Core {
  components: Component[];
  entry: string[];
  core: string;
  /** The component that runs queued jobs, when the style has one. */
  worker: string | null;
}

export const c = (name: string, responsibility: string, technology: string, depends_on: string[]): Component => ({
  name,
  responsibility,
  technology,
  depends_on,
});

function gatewayTech(ctx: DesignContext): string {
  return suggest(ctx, {
    aws: 'Amazon API Gateway',
    azure: 'Azure API Management',
    gcp: 'Google Cloud API Gateway',
    neutral: 'API gateway / reverse proxy',
  });
}

function monolithCore(ctx: DesignContext): Core {
  const name = 'Application (modular monolith)';
  const responsibility =
    'Single deployable hosting one module per bounded context behind an HTTP API; modules call each other through public interfaces in-process and own their tables.';
  return {
    components: [c(name, responsibility, backendTech(ctx), [STORE.primary, STORE.cache, C.identity])],
    entry: [name],
    core: name,
    worker: null,
  };
}

function layeredCore(ctx: DesignContext): Core {
  const tech = backendTech(ctx);
  return {
    components: [
      c('Presentation layer (API)', 'HTTP endpoints, input validation, authentication and response mapping.', tech, [
        'Business layer',
        C.identity,
      ]),
      c('Business layer', 'Domain rules and transactions; calls only the data access layer.', tech, [
        'Data access layer',
        STORE.cache,
      ]),
      c('Data access layer', 'Repositories and queries against the primary database.', tech, [STORE.primary]),
    ],
    entry: ['Presentation layer (API)'],
    core: 'Business layer',
    worker: null,
  };
}

function webQueueWorkerCore(ctx: DesignContext): Core {
  const tech = backendTech(ctx);
  const web = 'Web front end (API)';
  return {
    components: [
      c(web, 'Serves requests quickly; validates and enqueues slow work, returns a job id, reports job status.', tech, [
        STORE.primary,
        STORE.cache,
        STORE.queue,
        C.identity,
      ]),
      c(
        C.worker,
        'Consumes the job queue: long-running and scheduled work with retries, idempotency keys and progress updates.',
        tech,
        [STORE.queue, STORE.primary, STORE.objects],
      ),
    ],
    entry: [web],
    core: web,
    worker: C.worker,
  };
}

function serverlessCore(ctx: DesignContext): Core {
  const fn = techOr(ctx, ['serverless'], {
    aws: 'AWS Lambda',
    azure: 'Azure Functions',
    gcp: 'Cloud Run functions',
    neutral: 'Functions-as-a-service platform',
  });
  const components = [
    c(
      C.gateway,
      'Routes HTTP requests to functions; authentication, throttling and request validation.',
      gatewayTech(ctx),
      ['HTTP functions', C.identity],
    ),
    c('HTTP functions', 'One small function per route; stateless, reads and writes the primary database.', fn, [
      STORE.primary,
      STORE.cache,
    ]),
    c(
      'Event functions',
      'Triggered by queue messages, storage events, schedules and webhooks; idempotent handlers.',
      fn,
      [STORE.queue, STORE.primary, STORE.objects],
    ),
  ];
  return { components, entry: [C.gateway], core: 'HTTP functions', worker: 'Event functions' };
}

function eventDrivenCore(ctx: DesignContext): Core {
  const tech = backendTech(ctx);
  const ingestion = ctx.facts.first('iot') ? 'Device ingestion gateway' : 'Event ingestion API';
  const ingestionTech = ctx.facts.first('iot')
    ? named(ctx, ['stream'])?.id === 'mqtt'
      ? 'MQTT'
      : suggest(ctx, { aws: 'AWS IoT Core', azure: 'Azure IoT Hub', neutral: 'MQTT broker (e.g. EMQX)' })
    : tech;
  return {
    components: [
      c(
        ingestion,
        'Authenticates producers, validates event schemas and publishes to the event stream; no business logic.',
        ingestionTech,
        [STORE.stream, C.identity],
      ),
      c(
        'Stream processors',
        'Consume the stream: enrich, aggregate over time windows, detect conditions and emit derived events.',
        tech,
        [STORE.stream, STORE.cache],
      ),
      c(
        'Projection consumers',
        'Materialise events into queryable stores; idempotent, replayable from the stream.',
        tech,
        [STORE.stream, STORE.primary, STORE.timeSeries],
      ),
      c('Query API', 'Serves dashboards and clients from the materialised views.', tech, [
        STORE.primary,
        STORE.timeSeries,
        STORE.cache,
        C.identity,
      ]),
    ],
    entry: ['Query API'],
    core: 'Stream processors',
    worker: 'Stream processors',
  };
}

function microservicesCore(ctx: DesignContext): Core {
  const tech = backendTech(ctx);
  return {
    components: [
      c(
        C.gateway,
        'Single entry point: routing, authentication, rate limiting, request aggregation for clients.',
        gatewayTech(ctx),
        ['Domain services', C.identity],
      ),
      c(
        'Domain services',
        'One independently deployable service per bounded context, each owning its database schema; sync calls for queries, messages for commands.',
        tech,
        [STORE.primary, STORE.cache, STORE.queue, STORE.stream],
      ),
    ],
    entry: [C.gateway],
    core: 'Domain services',
    worker: null,
  };
}

function cqrsCore(ctx: DesignContext): Core {
  const tech = backendTech(ctx);
  return {
    components: [
      c(
        'Command API',
        'Validates commands against the current aggregate state and appends events to the event store.',
        tech,
        [STORE.eventStore, C.identity],
      ),
      c(
        'Projection workers',
        'Subscribe to the event store and build read models; rebuild them by replay after schema changes.',
        tech,
        [STORE.eventStore, STORE.primary, STORE.search],
      ),
      c('Query API', 'Serves reads from the read models only; never touches the event store.', tech, [
        STORE.primary,
        STORE.cache,
        C.identity,
      ]),
    ],
    entry: ['Command API', 'Query API'],
    core: 'Command API',
    worker: 'Projection workers',
  };
}

const CORES: Readonly<Record<string, (ctx: DesignContext) => Core>> = {
  'modular-monolith': monolithCore,
  'layered-monolith': layeredCore,
  'web-queue-worker': webQueueWorkerCore,
  serverless: serverlessCore,
  'event-driven': eventDrivenCore,
  microservices: microservicesCore,
  'cqrs-event-sourcing': cqrsCore,
};

/** The chosen style's core components (a modular monolith's when the style is unknown). */
export function designCore(ctx: DesignContext): Core {
  return (CORES[ctx.style.id] ?? monolithCore)(ctx);
}
