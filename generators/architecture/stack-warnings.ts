import type { RequirementSignal, StackWarning } from '../../src/contracts/architecture.js';
import type { DesignContext } from './context.js';
import type { Facts } from './extract-requirements.js';
import type { NamedTechnology } from './tech-catalogue.js';

/**
 * A compatibility rule between named technologies and a requirement. `applies` returns the signal that makes
 * the technology a concern (quoted as `requirement`), or null. Every message states a documented property of the
 * product, with the source in `message`.
 */
interface CompatibilityRule {
  technologies: readonly string[];
  severity: StackWarning['severity'];
  applies(facts: Facts): RequirementSignal | null;
  message: string;
  suggestion: string;
}

const SERVERLESS_PLATFORMS = [
  'lambda',
  'azure-functions',
  'cloud-functions',
  'vercel',
  'netlify',
  'cloudflare-workers',
];
const NON_RELATIONAL = ['mongodb', 'dynamodb', 'firestore', 'cassandra', 'couchdb', 'cosmosdb'];
const SINGLE_PRIMARY_SQL = ['postgresql', 'mysql', 'mariadb', 'sqlserver', 'oracle'];

const first = (f: Facts, ...kinds: Parameters<Facts['first']>[0][]) =>
  kinds.map((k) => f.first(k)).find((s) => s !== undefined) ?? null;
const numeric = (f: Facts, kind: Parameters<Facts['first']>[0], test: (v: number) => boolean) =>
  f.all(kind).find((s) => s.value !== null && test(s.value)) ?? null;
const smallTeamOrBudget = (f: Facts) => numeric(f, 'team_size', (v) => v <= 5) ?? f.first('budget') ?? null;

const RULES: readonly CompatibilityRule[] = [
  {
    technologies: ['sqlite'],
    severity: 'high',
    applies: (f) =>
      f.first('offline')
        ? null
        : (first(f, 'multi_region') ??
          numeric(f, 'requests_per_second', (v) => v >= 100) ??
          f.first('users_concurrent') ??
          null),
    message:
      'SQLite is an embedded database with a single writer at a time; it cannot take writes from several servers or regions (sqlite.org, "Appropriate Uses For SQLite").',
    suggestion:
      'Use a client/server database (e.g. PostgreSQL) for the server side; keep SQLite for on-device storage.',
  },
  {
    technologies: SERVERLESS_PLATFORMS,
    severity: 'medium',
    applies: (f) => f.first('real_time') ?? null,
    message:
      'Functions do not hold long-lived WebSocket connections themselves: AWS Lambda runs at most 15 minutes per invocation, and API Gateway WebSocket connections last at most 2 hours.',
    suggestion:
      'Terminate WebSockets in a managed service (API Gateway WebSocket APIs, Azure Web PubSub, a hosted pub/sub) or an always-on gateway, and keep functions for message handling.',
  },
  {
    technologies: SERVERLESS_PLATFORMS,
    severity: 'high',
    applies: (f) => f.first('long_running') ?? null,
    message:
      'Function platforms cap run time (AWS Lambda: 15 minutes; Azure Functions Consumption plan: 10 minutes), so long-running jobs can be killed mid-way.',
    suggestion:
      'Run long jobs on queue-fed container workers or split them into resumable steps (e.g. a workflow/state machine service).',
  },
  {
    technologies: SERVERLESS_PLATFORMS,
    severity: 'medium',
    applies: (f) => numeric(f, 'latency', (v) => v <= 100),
    message:
      'Cold starts add latency to the first requests on a new function instance, which can breach a tight percentile target.',
    suggestion:
      'Budget for provisioned/minimum instances on latency-critical routes, or serve them from always-on containers.',
  },
  {
    technologies: NON_RELATIONAL,
    severity: 'medium',
    applies: (f) => first(f, 'reporting', 'payments') ?? f.compliance('pci-dss') ?? null,
    message:
      'Document/key-value stores make ad-hoc relational reporting (joins across collections, strict referential integrity) awkward and costly.',
    suggestion:
      'Keep financial and reporting data in a relational store, or feed a warehouse from change streams for reporting.',
  },
  {
    technologies: SINGLE_PRIMARY_SQL,
    severity: 'medium',
    applies: (f) => f.first('multi_region') ?? null,
    message:
      'A standard deployment of this database has one writable primary; other regions get read replicas with replication lag, not local writes.',
    suggestion:
      'Keep one write region with regional read replicas, partition writes by home region, or use a distributed SQL database (CockroachDB, Spanner).',
  },
  {
    technologies: SINGLE_PRIMARY_SQL,
    severity: 'low',
    applies: (f) =>
      numeric(f, 'events_per_second', (v) => v >= 5_000) ?? numeric(f, 'device_count', (v) => v >= 100_000),
    message:
      'Row-per-reading inserts at this rate strain a general-purpose OLTP database (index maintenance, vacuum/bloat, storage growth).',
    suggestion:
      'Buffer through the event stream and batch-insert into a time-series store or extension (e.g. TimescaleDB) with retention policies.',
  },
  {
    technologies: ['kubernetes'],
    severity: 'medium',
    applies: smallTeamOrBudget,
    message:
      'Running Kubernetes (cluster upgrades, networking, security patches) is a standing operational cost that a small or budget-bound team feels first.',
    suggestion:
      'Prefer a managed container platform (ECS Fargate, Cloud Run, Azure Container Apps) until the team has platform capacity.',
  },
  {
    technologies: ['kafka'],
    severity: 'low',
    applies: (f) => (f.first('iot') || f.first('event_streams') ? null : smallTeamOrBudget(f)),
    message:
      'Self-managed Kafka needs capacity planning, partition management and broker upgrades; its strengths are unused without high-volume streams.',
    suggestion: 'Use a managed Kafka service, or a simpler queue for job-style messaging.',
  },
  {
    technologies: ['heroku'],
    severity: 'high',
    applies: (f) => f.compliance('hipaa') ?? null,
    message:
      'Heroku supports HIPAA workloads only in Heroku Shield Private Spaces under a BAA; Common Runtime apps must not handle PHI.',
    suggestion: 'Use Heroku Shield with a signed BAA, or a cloud provider whose BAA covers the services you use.',
  },
  {
    technologies: ['webrtc', 'twilio'],
    severity: 'medium',
    applies: (f) => f.compliance('hipaa') ?? null,
    message:
      'WebRTC media is encrypted (DTLS-SRTP), but TURN relays, SFUs and recordings handled by a provider are PHI processing.',
    suggestion:
      'Use only a video provider that signs a BAA for the products you use; keep recordings off unless required and encrypted.',
  },
  {
    technologies: ['redis', 'memcached'],
    severity: 'medium',
    applies: (f) => f.compliance('hipaa') ?? f.compliance('pci-dss') ?? null,
    message:
      'An in-memory cache holding regulated data needs TLS, authentication and encryption at rest like any other store in scope.',
    suggestion:
      'Enable TLS and ACLs, use a managed service with at-rest encryption under the BAA/assessment, or keep regulated fields out of the cache.',
  },
];

function label(signal: RequirementSignal): string {
  return `${signal.label} ("${signal.evidence.text}")`;
}

/**
 * Compatibility warnings between the named technologies and the extracted requirements, then one
 * `not-assessed` entry per stack item the catalogue does not know (nothing is guessed about those).
 */
export function designStackWarnings(ctx: DesignContext): StackWarning[] {
  const warnings: StackWarning[] = [];
  for (const rule of RULES) {
    const techs: NamedTechnology[] = ctx.stack.known.filter((t) => rule.technologies.includes(t.id));
    if (techs.length === 0) continue;
    const signal = rule.applies(ctx.facts);
    if (!signal) continue;
    for (const tech of techs) {
      warnings.push({
        technology: tech.name,
        requirement: label(signal),
        severity: rule.severity,
        message: rule.message,
        suggestion: rule.suggestion,
      });
    }
  }
  for (const item of ctx.stack.unknown) {
    warnings.push({
      technology: item,
      requirement: null,
      severity: 'not-assessed',
      message: `"${item}" is not in the engine's technology catalogue; its compatibility was not assessed.`,
      suggestion: null,
    });
  }
  return warnings;
}
