import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { toHealthVerdict } from '../telemetry/health.js';
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
  orchestrations: z.object({
    started: z.number(),
    running: z.number(),
    succeeded: z.number(),
    partial: z.number(),
    failed: z.number(),
    cancelled: z.number(),
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
    () => {
      const proc = deps.metrics.process();
      const tools = deps.metrics.tools();
      const structured = {
        health: toHealthVerdict(proc, tools),
        process: proc,
        tools,
        orchestrations: deps.orchestrator.stats(),
      };
      const calls = Object.values(tools).reduce((n, t) => n + t.calls, 0);
      const text = [
        `health: ${structured.health.status} (${structured.health.reasons.join('; ')})`,
        `uptime ${proc.uptime_ms} ms, RSS ${proc.rss_mb} MB, heap ${proc.heap_used_mb} MB, event-loop p99 ${proc.event_loop_delay_p99_ms} ms`,
        `${calls} tool calls recorded; orchestrations: ${structured.orchestrations.started} started, ${structured.orchestrations.succeeded} succeeded`,
      ].join('\n');
      return Promise.resolve({ structured, text });
    },
  );
}
