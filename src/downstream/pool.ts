import { EventEmitter } from 'node:events';
import type {
  BreakerState,
  DownstreamAccess,
  DownstreamPool,
  DownstreamPrincipal,
  DownstreamServerStatus,
  DownstreamState,
} from '../contracts/downstream.js';
import { createSilentLogger, type Logger } from '../core/logger.js';
import { createCircuitBreaker, type BreakerOptions } from './breaker.js';
import { createCoalescer, createResultCache } from './call-cache.js';
import type { ServerRuntime } from './call-executor.js';
import { formatConfigProblems, parseDownstreamServers, type DownstreamConfigProblem } from './config.js';
import { createLimiter } from './limiter.js';
import { createPrincipalAccess } from './principal-access.js';
import { runPreflight, type PreflightResult } from './preflight.js';
import { listProcessGroup } from './process-tree.js';
import { createRetryBudget } from './retry-budget.js';
import { ServerConnection, type ConnectionTiming } from './server-connection.js';
import { createServerStats } from './server-stats.js';
import { createProcessGroupRegistry } from './exit-guard.js';

/** Default connection timing (see {@link ConnectionTiming}). */
export const DEFAULT_TIMING: ConnectionTiming = {
  connectTimeoutMs: 60_000,
  healthIntervalMs: 30_000,
  backoffBaseMs: 250,
  backoffMaxMs: 30_000,
  eagerReconnects: 5,
};

/** Events a pool emits (tests and logs wait on them instead of sleeping), each with one object payload. */
export interface DownstreamPoolEvents {
  state: [event: { server: string; state: DownstreamState; error?: string }];
  breaker: [event: { server: string; state: BreakerState }];
}

/** Options of {@link createDownstreamPool}. */
export interface DownstreamPoolOptions {
  /** The raw `mcpServers` block; each entry is validated on its own. */
  servers: Readonly<Record<string, unknown>>;
  /** Name and version sent to downstream servers at initialize. */
  clientInfo: { name: string; version: string };
  logger?: Logger;
  timing?: Partial<ConnectionTiming>;
  breaker?: Pick<BreakerOptions, 'failureThreshold' | 'cooldownMs'>;
}

/** The pool as the composition root holds it: the contract plus start-up reports and events. */
export interface DownstreamPoolHandle extends DownstreamPool {
  /** Rejected `mcpServers` entries (server name, field, message), logged at creation. */
  readonly problems: readonly DownstreamConfigProblem[];
  readonly events: EventEmitter<DownstreamPoolEvents>;
  /** Checks each stdio command on its PATH and each URL's host:port without connecting MCP; logs what fails. */
  preflight(options?: { signal?: AbortSignal }): Promise<PreflightResult[]>;
}

/**
 * Creates the downstream pool: one {@link ServerConnection}, breaker, limiter, retry budget, stats and (when
 * `cache_ttl_ms` > 0) result cache per valid entry. Nothing connects until first used. Every spawned process group
 * is tracked so a `process.on('exit')` hook can kill what `close()` did not get to.
 */
export function createDownstreamPool(options: DownstreamPoolOptions): DownstreamPoolHandle {
  const logger = options.logger ?? createSilentLogger();
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const events = new EventEmitter<DownstreamPoolEvents>();
  events.setMaxListeners(0); // tests and tools may watch many servers at once
  const { servers, problems } = parseDownstreamServers(options.servers);
  for (const p of problems) {
    logger.warn({ server: p.server, field: p.field }, `downstream entry ignored: ${formatConfigProblems([p])}`);
  }
  const groups = createProcessGroupRegistry();
  const runtimes = new Map<string, ServerRuntime>();
  for (const spec of servers) {
    const conn = new ServerConnection(
      spec,
      options.clientInfo,
      timing,
      {
        onState: (server, state, error) => events.emit('state', { server, state, ...(error ? { error } : {}) }),
        onRestart: (server) => {
          const runtime = runtimes.get(server);
          if (runtime) runtime.stats.restarts += 1;
        },
        onProcess: (pid, alive) => groups.set(pid, alive),
      },
      logger,
    );
    runtimes.set(spec.name, {
      spec,
      conn,
      breaker: createCircuitBreaker({
        ...options.breaker,
        onChange: (state) => {
          logger.info({ server: spec.name, breaker: state }, 'downstream breaker changed');
          events.emit('breaker', { server: spec.name, state });
        },
      }),
      limiter: createLimiter(spec.maxConcurrent),
      budget: createRetryBudget(),
      stats: createServerStats(),
      cache: spec.cacheTtlMs > 0 ? createResultCache(spec.cacheTtlMs) : undefined,
      coalescer: createCoalescer(),
    });
  }
  const views = new Map<DownstreamPrincipal, DownstreamAccess>();
  let closing: Promise<void> | undefined;

  const discover = async ({ signal }: { signal?: AbortSignal } = {}): Promise<void> => {
    await Promise.all(
      [...runtimes.values()]
        .filter((r) => r.conn.state !== 'disabled' && !r.conn.live)
        .map((r) => r.conn.connect(signal).catch(() => undefined)),
    );
  };

  return {
    problems,
    events,
    access(principal) {
      let view = views.get(principal);
      if (!view) {
        view = createPrincipalAccess(principal, runtimes);
        views.set(principal, view);
      }
      return view;
    },
    discover,
    status: ({ processes = true } = {}) => collectStatus(runtimes, problems, options.servers, processes),
    preflight: ({ signal } = {}) => runPreflight(servers, logger, signal),
    close() {
      closing ??= Promise.all([...runtimes.values()].map((r) => r.conn.close())).then(() => groups.dispose());
      return closing;
    },
  };
}

async function collectStatus(
  runtimes: ReadonlyMap<string, ServerRuntime>,
  problems: readonly DownstreamConfigProblem[],
  raw: Readonly<Record<string, unknown>>,
  processes: boolean,
): Promise<DownstreamServerStatus[]> {
  const out: DownstreamServerStatus[] = [];
  for (const name of Object.keys(raw)) {
    const runtime = runtimes.get(name);
    if (runtime) {
      out.push(await toStatus(runtime, processes));
      continue;
    }
    const mine = problems.filter((p) => p.server === name);
    out.push({
      ...emptyStatus(name),
      transport: guessTransport(raw[name]),
      lastError: formatConfigProblems(mine),
    });
  }
  return out;
}

async function toStatus(runtime: ServerRuntime, processes: boolean): Promise<DownstreamServerStatus> {
  const { spec, conn, stats } = runtime;
  const pid = conn.pid;
  const { p50Ms, p95Ms } = stats.percentiles();
  return {
    name: spec.name,
    transport: spec.transport,
    state: conn.state,
    breaker: runtime.breaker.state,
    ...(spec.group !== undefined ? { group: spec.group } : {}),
    agents: [...spec.agents],
    tools: conn.live ? conn.live.toolList.map((t) => t.name) : [],
    calls: stats.calls,
    errors: stats.errors,
    toolErrors: stats.toolErrors,
    p50Ms,
    p95Ms,
    cacheHitRate: stats.cacheHitRate(),
    coalesced: stats.coalesced,
    retries: stats.retries,
    failovers: stats.failovers,
    restarts: stats.restarts,
    liveProcesses: pid === undefined || !processes ? 0 : (await listProcessGroup(pid)).length,
    ...(pid !== undefined ? { pid } : {}),
    ...(conn.lastError !== undefined ? { lastError: conn.lastError } : {}),
  };
}

function emptyStatus(name: string): DownstreamServerStatus {
  return {
    name,
    transport: 'unknown',
    state: 'invalid',
    breaker: 'closed',
    agents: [],
    tools: [],
    calls: 0,
    errors: 0,
    toolErrors: 0,
    p50Ms: 0,
    p95Ms: 0,
    cacheHitRate: null,
    coalesced: 0,
    retries: 0,
    failovers: 0,
    restarts: 0,
    liveProcesses: 0,
  };
}

function guessTransport(entry: unknown): DownstreamServerStatus['transport'] {
  if (!entry || typeof entry !== 'object') return 'unknown';
  const e = entry as Record<string, unknown>;
  if (e.type === 'sse') return 'sse';
  if (typeof e.url === 'string') return 'http';
  return typeof e.command === 'string' ? 'stdio' : 'unknown';
}
