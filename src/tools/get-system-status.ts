import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { DownstreamServerStatus } from '../contracts/downstream.js';
import { toHealthVerdict, type HealthVerdict } from '../telemetry/health.js';
import { ModelStatusSchema, toModelStatus, toModelStatusLine } from './model-status.js';
import { defineTool } from './tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

const ToolStatsSchema = z.object({
  calls: z.number(),
  errors: z.number(),
  count: z.number(),
  p50_ms: z.number(),
  p95_ms: z.number(),
  p99_ms: z.number(),
  max_ms: z.number(),
});

const StatusSchema = z.object({
  health: z.object({ status: z.enum(['healthy', 'degraded']), reasons: z.array(z.string()) }),
  process: z.object({
    uptime_ms: z.number(),
    rss_mb: z.number(),
    heap_used_mb: z.number(),
    heap_total_mb: z.number(),
    heap_limit_mb: z.number(),
    event_loop_delay_p50_ms: z.number(),
    event_loop_delay_p99_ms: z.number(),
    event_loop_delay_max_ms: z.number(),
  }),
  tools: z.record(z.string(), ToolStatsSchema),
  downstream: z.array(
    z.object({
      name: z.string(),
      state: z.string(),
      breaker: z.enum(['closed', 'open', 'half_open']),
      calls: z.number(),
      errors: z.number(),
      tool_errors: z.number(),
      p50_ms: z.number(),
      p95_ms: z.number(),
      cache_hit_rate: z.number().nullable(),
      coalesced: z.number(),
      retries: z.number(),
      failovers: z.number(),
      restarts: z.number(),
      live_processes: z.number(),
      pid: z.number().optional(),
      last_error: z.string().optional(),
    }),
  ),
  /** Model access and the token/cost ledger since start (issue #5). */
  model: ModelStatusSchema,
  orchestrations: z.object({
    started: z.number(),
    running: z.number(),
    succeeded: z.number(),
    partial: z.number(),
    failed: z.number(),
    cancelled: z.number(),
  }),
  /** Durable tasks (issue #4): the ids this process runs now and the store's location and size. */
  tasks: z.object({
    running: z.array(z.string()),
    store: z.object({
      path: z.string(),
      persistent: z.boolean(),
      recovered_from: z.string().nullable(),
      tasks: z.number(),
      used_bytes: z.number(),
    }),
  }),
});

/**
 * `get_system_status`: measured figures only — process memory and event-loop delay from Node, per-tool calls,
 * errors and latency percentiles recorded by the tool-kit on every call (this call's own latency is recorded
 * after it returns), orchestration counters, and a health verdict whose reasons cite those figures.
 */
export function registerGetSystemStatusTool(server: McpServer, deps: ToolDeps): void {
  defineTool(
    server,
    deps,
    {
      name: 'get_system_status',
      title: 'Get System Status',
      description:
        'Returns measured uptime, memory, event-loop delay, per-tool call counts and latency percentiles, orchestration counts and a health verdict with reasons.',
      inputSchema: z.object({}),
      outputSchema: StatusSchema,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (_args, call) => {
      const proc = deps.metrics.process();
      const tools = deps.metrics.tools();
      const downstream = (await deps.downstream.status()).map(toDownstreamFigures);
      const structured = {
        health: withTaskStoreHealth(withDownstreamHealth(toHealthVerdict(proc, tools), downstream), deps),
        process: proc,
        tools,
        downstream,
        model: toModelStatus(deps, call),
        orchestrations: deps.orchestrator.stats(),
        tasks: deps.tasks.stats(),
      };
      const calls = Object.values(tools).reduce((n, t) => n + t.calls, 0);
      const text = [
        `health: ${structured.health.status} (${structured.health.reasons.join('; ')})`,
        `uptime ${proc.uptime_ms} ms, RSS ${proc.rss_mb} MB, heap ${proc.heap_used_mb} MB, event-loop p99 ${proc.event_loop_delay_p99_ms} ms`,
        `${calls} tool calls recorded; orchestrations: ${structured.orchestrations.started} started, ${structured.orchestrations.succeeded} succeeded`,
        `tasks: ${structured.tasks.running.length} running, ${structured.tasks.store.tasks} stored in ${structured.tasks.store.path} (${structured.tasks.store.used_bytes} B${structured.tasks.store.persistent ? '' : ', temporary'})`,
        toModelStatusLine(structured.model),
        ...downstream.map(
          (d) =>
            `downstream ${d.name}: ${d.state}, breaker ${d.breaker}, ${d.calls} calls, ${d.errors} errors, p50 ${d.p50_ms} ms, p95 ${d.p95_ms} ms, ${d.live_processes} processes`,
        ),
      ].join('\n');
      return { structured, text };
    },
  );
}

type DownstreamFigures = z.infer<typeof StatusSchema>['downstream'][number];

function toDownstreamFigures(s: DownstreamServerStatus): DownstreamFigures {
  return {
    name: s.name,
    state: s.state,
    breaker: s.breaker,
    calls: s.calls,
    errors: s.errors,
    tool_errors: s.toolErrors,
    p50_ms: s.p50Ms,
    p95_ms: s.p95Ms,
    cache_hit_rate: s.cacheHitRate,
    coalesced: s.coalesced,
    retries: s.retries,
    failovers: s.failovers,
    restarts: s.restarts,
    live_processes: s.liveProcesses,
    ...(s.pid !== undefined ? { pid: s.pid } : {}),
    ...(s.lastError !== undefined ? { last_error: s.lastError.slice(0, 500) } : {}),
  };
}

/** An open breaker makes the server `degraded` (its calls are being refused); the reason names the server. */
function withDownstreamHealth(verdict: HealthVerdict, downstream: readonly DownstreamFigures[]): HealthVerdict {
  const open = downstream.filter((d) => d.breaker === 'open');
  if (open.length === 0) return verdict;
  return {
    status: 'degraded',
    reasons: [
      ...verdict.reasons,
      ...open.map((d) => `downstream ${d.name}: circuit breaker open (${d.errors} errors)`),
    ],
  };
}

/** A task store that fell back to a temporary file makes the server `degraded`: history will not survive a restart. */
function withTaskStoreHealth(verdict: HealthVerdict, deps: ToolDeps): HealthVerdict {
  const { store } = deps.tasks.stats();
  if (store.persistent || store.path === '(opening)') return verdict;
  const reason = `task store: the data directory could not be used, tasks are kept in ${store.path} until restart`;
  return { status: 'degraded', reasons: [...verdict.reasons, reason] };
}
