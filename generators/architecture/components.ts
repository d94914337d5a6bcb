import type { Component, DataStore, SignalKind } from '../../src/contracts/architecture.js';
import { backendTech, frontendTech, named, techOr, type DesignContext } from './context.js';
import { STORE } from './data-stores.js';
import { C, c, designCore, type Core } from './style-cores.js';

/** A component the requirements call for, whatever the style: when it applies and how it is built. */
interface Capability {
  applies(ctx: DesignContext, core: Core): boolean;
  build(ctx: DesignContext, core: Core): Component;
}

const hasAny = (ctx: DesignContext, ...kinds: SignalKind[]) =>
  kinds.some((kind) => ctx.facts.first(kind) !== undefined);

/** Capabilities in output order; each names the signals that call for it in `applies`. */
const CAPABILITIES: readonly Capability[] = [
  {
    applies: (ctx) => hasAny(ctx, 'real_time'),
    build: (ctx, core) =>
      c(
        'Real-time gateway',
        'Holds WebSocket connections; pushes chat messages and live updates; fans out across instances via pub/sub.',
        techOr(ctx, ['realtime'], { neutral: 'WebSocket server' }),
        [core.core, STORE.cache, C.identity],
      ),
  },
  {
    applies: (ctx) => hasAny(ctx, 'video'),
    build: (ctx, core) =>
      c(
        'Video session service',
        'Creates and authorises video rooms and tokens; media flows peer-to-peer or via the SFU/TURN relay, never through the app servers.',
        techOr(ctx, ['video'], { neutral: 'WebRTC with a managed SFU/TURN provider' }),
        [core.core, C.identity],
      ),
  },
  {
    applies: (ctx, core) => core.worker === null && hasAny(ctx, 'long_running', 'batch', 'ml'),
    build: (ctx) =>
      c(
        C.worker,
        'Runs long-running and scheduled jobs (reports, exports, ETL) from the job queue with retries.',
        backendTech(ctx),
        [STORE.queue, STORE.primary, STORE.objects, STORE.warehouse],
      ),
  },
  {
    applies: (ctx) => hasAny(ctx, 'notifications'),
    build: (ctx, core) =>
      c(
        'Notification dispatcher',
        'Sends email/SMS/push notifications from domain events, honouring user preferences, with retries and de-duplication.',
        backendTech(ctx),
        [STORE.queue, core.core],
      ),
  },
  {
    applies: (ctx) => hasAny(ctx, 'payments'),
    build: (ctx, core) =>
      c(
        'Payment integration',
        'Hosted checkout and tokenisation by the payment provider; verifies and handles its webhooks.',
        techOr(ctx, ['payments'], { neutral: 'PCI DSS Level 1 payment provider (hosted checkout)' }),
        [core.core],
      ),
  },
  {
    applies: (ctx) => hasAny(ctx, 'search'),
    build: (ctx) =>
      c(
        'Search indexer',
        'Keeps the search index in step with the primary database (change events or outbox).',
        backendTech(ctx),
        [STORE.search, STORE.primary, STORE.stream],
      ),
  },
  {
    applies: (ctx) => hasAny(ctx, 'ml'),
    build: (ctx) =>
      c(
        'ML inference service',
        'Serves model predictions behind an internal API; models are versioned with their training data.',
        named(ctx, ['language'], ['typescript', 'javascript'])?.name ?? 'Language not specified in tech_stack',
        [STORE.objects, STORE.warehouse],
      ),
  },
  {
    applies: (ctx) => hasAny(ctx, 'offline'),
    build: (ctx, core) =>
      c(
        'Sync service',
        'Reconciles changes made offline (per-record versions, conflict resolution) when devices reconnect.',
        backendTech(ctx),
        [core.core, STORE.primary],
      ),
  },
  {
    applies: (ctx) => hasAny(ctx, 'compliance', 'audit'),
    build: (ctx) =>
      c(
        'Audit logger',
        'Writes append-only records of every access to and change of regulated data; ships them to the audit archive.',
        backendTech(ctx),
        [STORE.audit],
      ),
  },
];

function clients(ctx: DesignContext, core: Core): Component[] {
  const list = [
    c(C.web, 'User interface in the browser; talks only to the public API.', frontendTech(ctx), [
      ...core.entry,
      C.identity,
    ]),
  ];
  const mobile = named(ctx, ['mobile']);
  if (mobile || ctx.facts.first('mobile'))
    list.push(
      c(
        C.mobile,
        'Native/mobile client; same public API as the web client.',
        mobile?.name ?? 'Mobile framework not specified in tech_stack',
        [...core.entry, C.identity, STORE.local],
      ),
    );
  return list;
}

/**
 * The components of the design: clients, identity, the chosen style's core, the capabilities the requirements
 * call for, and observability. `depends_on` only names components or data stores present in this design.
 */
export function designComponents(ctx: DesignContext, stores: readonly DataStore[]): Component[] {
  const core = designCore(ctx);
  const identity = c(
    C.identity,
    'Sign-in (OIDC), MFA, tokens and role/attribute-based access rules.',
    techOr(ctx, ['identity'], {
      aws: 'Amazon Cognito',
      azure: 'Microsoft Entra External ID',
      gcp: 'Identity Platform',
      neutral: 'OIDC provider such as Keycloak',
    }),
    [],
  );
  const observability = c(
    C.observability,
    'Traces, metrics and structured logs from every component; SLO dashboards and alerts.',
    techOr(ctx, ['observability'], { neutral: 'OpenTelemetry with a metrics/tracing backend' }),
    [],
  );
  const all = [
    ...clients(ctx, core),
    identity,
    ...core.components,
    ...CAPABILITIES.filter((cap) => cap.applies(ctx, core)).map((cap) => cap.build(ctx, core)),
    observability,
  ];
  const names = new Set([...all.map((x) => x.name), ...stores.map((s) => s.name)]);
  return all.map((x) => ({ ...x, depends_on: [...new Set(x.depends_on)].filter((d) => names.has(d) && d !== x.name) }));
}
