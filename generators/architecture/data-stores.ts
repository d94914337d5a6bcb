import type { DataStore } from '../../src/contracts/architecture.js';
import { named, suggest, techOr, type DesignContext } from './context.js';

/** Data store names, referenced by components and diagrams. */
export const STORE = {
  primary: 'Primary database',
  cache: 'Cache',
  objects: 'Object storage',
  search: 'Search index',
  queue: 'Job queue',
  stream: 'Event stream',
  eventStore: 'Event store',
  timeSeries: 'Time-series store',
  warehouse: 'Analytics warehouse',
  local: 'On-device store',
  audit: 'Audit log archive',
} as const;

const WHY_NAMED = 'Named in tech_stack. ';

function primary(ctx: DesignContext): DataStore {
  const { facts } = ctx;
  const relational = named(ctx, ['relational'], ctx.facts.first('offline') ? ['sqlite'] : []);
  const nonRelational = named(ctx, ['document', 'key-value']);
  const holds = ['Core domain records (system of record)'];
  if (facts.compliance('hipaa'))
    holds.push('PHI, encrypted at rest and access-logged; only the fields each workflow needs');
  if (facts.compliance('pci-dss')) holds.push('Payment tokens and references only — never card numbers (PAN) or CVV');
  if (facts.compliance('gdpr'))
    holds.push('Personal data tagged by data subject and region, so access and erasure requests can be served');
  if (facts.first('multi_tenancy')) holds.push('Tenant-scoped rows (tenant_id on every table, row-level security)');
  if (ctx.style.id === 'cqrs-event-sourcing' || facts.first('event_sourcing'))
    holds.push('Read models (projections) rebuilt from the event store');
  if (!relational && nonRelational) {
    const type = nonRelational.category === 'document' ? 'document' : 'key-value';
    return {
      name: STORE.primary,
      type,
      technology: nonRelational.name,
      why: `${WHY_NAMED}Flexible schema and horizontal scaling for the main records.`,
      holds,
    };
  }
  const technology =
    relational?.name ??
    suggest(ctx, {
      aws: 'Amazon RDS for PostgreSQL',
      azure: 'Azure Database for PostgreSQL',
      gcp: 'Cloud SQL for PostgreSQL',
      neutral: 'PostgreSQL',
    });
  const why = `${relational ? WHY_NAMED : ''}ACID transactions, constraints and joins for the core domain; mature backup, replication and encryption tooling.`;
  return { name: STORE.primary, type: 'relational', technology, why, holds };
}

function cache(ctx: DesignContext): DataStore | null {
  const { facts } = ctx;
  const rps = facts.value('requests_per_second') ?? 0;
  const trigger =
    facts.all('latency')[0] ?? facts.first('real_time') ?? facts.first('users_concurrent') ?? facts.first('read_heavy');
  if (!trigger && rps < 500) return null;
  const holds = ['Sessions and rate-limit counters', 'Hot read data with short TTLs'];
  if (facts.first('real_time')) holds.push('Pub/sub fan-out between real-time gateway instances');
  const technology = techOr(ctx, ['cache'], {
    aws: 'Amazon ElastiCache (Redis OSS/Valkey)',
    azure: 'Azure Cache for Redis',
    gcp: 'Memorystore for Redis',
    neutral: 'Redis',
  });
  const why = trigger
    ? `Serves hot reads in memory to meet "${trigger.label}" and shares state across stateless instances.`
    : 'Absorbs read load at the stated request rate and shares state across stateless instances.';
  return { name: STORE.cache, type: 'cache', technology, why, holds };
}

function objects(ctx: DesignContext): DataStore | null {
  const { facts } = ctx;
  const holds: string[] = [];
  if (facts.first('file_storage')) holds.push('Uploaded files and documents');
  if (facts.first('video')) holds.push('Call recordings, if recording is enabled');
  if (facts.first('reporting') && (facts.first('long_running') || facts.first('batch')))
    holds.push('Generated reports and exports');
  if (holds.length === 0) return null;
  const technology = techOr(ctx, ['object'], {
    aws: 'Amazon S3',
    azure: 'Azure Blob Storage',
    gcp: 'Google Cloud Storage',
    neutral: 'S3-compatible object storage',
  });
  return {
    name: STORE.objects,
    type: 'object',
    technology,
    why: 'Cheap, durable storage for large binary objects, served through short-lived signed URLs instead of the app servers.',
    holds,
  };
}

function search(ctx: DesignContext): DataStore | null {
  if (!ctx.facts.first('search')) return null;
  const technology = techOr(ctx, ['search'], {
    aws: 'Amazon OpenSearch Service',
    azure: 'Azure AI Search',
    gcp: 'Elastic Cloud on Google Cloud',
    neutral: 'OpenSearch',
  });
  return {
    name: STORE.search,
    type: 'search',
    technology,
    why: 'Full-text and faceted search without loading the primary database; rebuilt from it at any time.',
    holds: ['Denormalised search documents derived from the primary database'],
  };
}

function queue(ctx: DesignContext): DataStore | null {
  const { facts, style } = ctx;
  const needs =
    ['web-queue-worker', 'microservices'].includes(style.id) ||
    (['long_running', 'batch', 'notifications', 'ml'] as const).some((k) => facts.first(k)) ||
    (style.id === 'serverless' && facts.first('event_handlers'));
  if (!needs) return null;
  const technology = techOr(ctx, ['queue'], {
    aws: 'Amazon SQS',
    azure: 'Azure Service Bus',
    gcp: 'Cloud Tasks',
    neutral: 'RabbitMQ',
  });
  const holds = ['Background jobs with retry counts; failed jobs move to a dead-letter queue'];
  if (facts.first('notifications')) holds.push('Notification requests');
  return {
    name: STORE.queue,
    type: 'queue',
    technology,
    why: 'Decouples slow or failure-prone work from requests; at-least-once delivery with retries and a dead-letter queue.',
    holds,
  };
}

function stream(ctx: DesignContext): DataStore | null {
  const { facts, style } = ctx;
  if (style.id !== 'event-driven' && !facts.first('iot') && !facts.first('event_streams')) return null;
  const technology = techOr(
    ctx,
    ['stream'],
    { aws: 'Amazon Kinesis Data Streams', azure: 'Azure Event Hubs', gcp: 'Google Pub/Sub', neutral: 'Apache Kafka' },
    ['mqtt'],
  );
  return {
    name: STORE.stream,
    type: 'stream',
    technology,
    why: 'A partitioned, replayable log lets several consumers process the same events independently and catch up after failures.',
    holds: ['Domain and telemetry events, partitioned by entity/device id, retained for replay'],
  };
}

function eventStore(ctx: DesignContext, primaryTech: string): DataStore | null {
  if (ctx.style.id !== 'cqrs-event-sourcing' && !ctx.facts.first('event_sourcing')) return null;
  const technology = named(ctx, ['event-store'])?.name ?? `Append-only events table in ${primaryTech}`;
  return {
    name: STORE.eventStore,
    type: 'event-store',
    technology,
    why: 'Events are the source of truth: state is rebuilt by replay, and the full history doubles as an audit trail.',
    holds: ['Immutable, versioned domain events per aggregate'],
  };
}

function timeSeries(ctx: DesignContext): DataStore | null {
  if (!ctx.facts.first('iot')) return null;
  const technology = techOr(ctx, ['time-series'], {
    aws: 'Amazon Timestream',
    azure: 'Azure Data Explorer',
    neutral: 'TimescaleDB',
  });
  return {
    name: STORE.timeSeries,
    type: 'time-series',
    technology,
    why: 'Compressed, time-partitioned storage for high-rate readings with retention and downsampling policies.',
    holds: ['Device readings and aggregates by time window'],
  };
}

function warehouse(ctx: DesignContext): DataStore | null {
  const { facts } = ctx;
  const big = (facts.value('data_volume') ?? 0) >= 1_000 || facts.first('ml') || facts.first('batch');
  if (!named(ctx, ['warehouse']) && !(facts.first('reporting') && big)) return null;
  const technology = techOr(ctx, ['warehouse'], {
    aws: 'Amazon Redshift',
    azure: 'Azure Synapse Analytics',
    gcp: 'BigQuery',
    neutral: 'ClickHouse',
  });
  return {
    name: STORE.warehouse,
    type: 'warehouse',
    technology,
    why: 'Columnar storage for reporting and analytics so heavy queries never hit the primary database.',
    holds: ['Denormalised facts loaded by batch/ETL jobs (personal data pseudonymised)'],
  };
}

function local(ctx: DesignContext): DataStore | null {
  if (!ctx.facts.first('offline')) return null;
  const technology =
    named(ctx, ['relational'])?.id === 'sqlite' ? 'SQLite' : 'SQLite on mobile / IndexedDB in browsers (suggested)';
  return {
    name: STORE.local,
    type: 'local',
    technology,
    why: 'The app keeps working without a network; changes queue locally and sync when back online.',
    holds: ['The user’s working set and a queue of pending changes'],
  };
}

function audit(ctx: DesignContext): DataStore | null {
  if (ctx.facts.all('compliance').length === 0 && !ctx.facts.first('audit')) return null;
  const technology = suggest(ctx, {
    aws: 'Amazon S3 with Object Lock',
    azure: 'Azure Blob immutable storage',
    gcp: 'Cloud Storage with Bucket Lock',
    neutral: 'WORM (write-once) object storage',
  });
  return {
    name: STORE.audit,
    type: 'object',
    technology,
    why: 'Write-once retention makes audit records tamper-evident and keeps them for the period the regulations require.',
    holds: ['Append-only audit events: who accessed or changed which record, when, from where'],
  };
}

/** The data stores the design needs, each with why it is there; named technologies win over suggestions. */
export function designDataStores(ctx: DesignContext): DataStore[] {
  const main = primary(ctx);
  const stores = [
    main,
    cache(ctx),
    objects(ctx),
    search(ctx),
    queue(ctx),
    stream(ctx),
    eventStore(ctx, main.technology),
    timeSeries(ctx),
    warehouse(ctx),
    local(ctx),
    audit(ctx),
  ];
  return stores.filter((s): s is DataStore => s !== null);
}
