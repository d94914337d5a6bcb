import { basename } from 'node:path';
import type { DownstreamPool, DownstreamTool } from '../contracts/downstream.js';
import type { OrchestrationResult, RunFinishedEvent, RunObserver } from '../contracts/run.js';
import type { Logger } from '../core/logger.js';
import { DownstreamError } from './errors.js';
import { textOf } from './fs-writer.js';

/** Tools a server must offer to be used as the decision memory (the reference memory server has them). */
export const MEMORY_TOOLS = ['create_entities', 'create_relations'] as const;
/** Most artifact entities recorded per run (a run's decisions, not a file index). */
const MAX_ARTIFACT_ENTITIES = 50;
/** Longest single observation, characters. */
const MAX_OBSERVATION_CHARS = 500;

/** A knowledge-graph entity as the memory server takes it. */
export interface MemoryEntity {
  name: string;
  entityType: string;
  observations: string[];
}

/** A knowledge-graph relation (`from` —relationType→ `to`). */
export interface MemoryRelation {
  from: string;
  to: string;
  relationType: string;
}

/** The first server (configuration order) offering {@link MEMORY_TOOLS}. */
export function pickMemoryServer(tools: readonly DownstreamTool[]): string | undefined {
  const byServer = new Map<string, Set<string>>();
  for (const t of tools) byServer.set(t.server, (byServer.get(t.server) ?? new Set()).add(t.name));
  for (const [server, names] of byServer) if (MEMORY_TOOLS.every((t) => names.has(t))) return server;
  return undefined;
}

/**
 * Builds the graph of one run's decisions: the run (request, plan summary, status, rejected instructions), one
 * entity per sub-task (agent, outcome, summary or error), one per artifact with its check verdict (at most
 * {@link MAX_ARTIFACT_ENTITIES}), and relations run —planned→ sub-task, sub-task —depends_on→ sub-task,
 * sub-task —produced→ artifact. Names are prefixed with the run id so runs never merge.
 */
export function toDecisionGraph(
  event: RunFinishedEvent,
  runId: string,
): { entities: MemoryEntity[]; relations: MemoryRelation[] } {
  const { result } = event;
  const run = `run ${runId}`;
  const cap = (s: string): string =>
    s.length > MAX_OBSERVATION_CHARS ? `${s.slice(0, MAX_OBSERVATION_CHARS - 1)}…` : s;
  const entities: MemoryEntity[] = [
    { name: run, entityType: 'orchestration_run', observations: runObservations(event, cap) },
  ];
  const relations: MemoryRelation[] = [];
  for (const s of result.subtasks) {
    const planned = result.plan.subtasks.find((p) => p.id === s.id);
    entities.push({
      name: `${runId}/${s.id}`,
      entityType: 'subtask',
      observations: [
        `agent: ${s.agent}`,
        `outcome: ${s.status} in ${Math.round(s.duration_ms)} ms`,
        ...(planned ? [cap(`goal: ${planned.title}`)] : []),
        ...(s.summary ? [cap(`summary: ${s.summary}`)] : []),
        ...(s.error ? [cap(`error ${s.error.code}: ${s.error.message}`)] : []),
      ],
    });
    relations.push({ from: run, to: `${runId}/${s.id}`, relationType: 'planned' });
    for (const dep of planned?.depends_on ?? [])
      relations.push({ from: `${runId}/${s.id}`, to: `${runId}/${dep}`, relationType: 'depends_on' });
  }
  for (const a of result.artifacts.slice(0, MAX_ARTIFACT_ENTITIES)) {
    const errors = a.verdict.diagnostics.filter((d) => d.severity === 'error');
    entities.push({
      name: `${runId}/${a.path}`,
      entityType: 'artifact',
      observations: [
        `verdict: ${a.verdict.status}${a.verdict.checks.length ? ` (${a.verdict.checks.join(', ')})` : ''}`,
        `size: ${a.size_bytes} bytes, ${a.language} ${a.kind}`,
        ...errors.slice(0, 3).map((d) => cap(`${d.source} error${d.line ? ` line ${d.line}` : ''}: ${d.message}`)),
      ],
    });
    relations.push({ from: `${runId}/${a.produced_by}`, to: `${runId}/${a.path}`, relationType: 'produced' });
  }
  return { entities, relations };
}

function runObservations(event: RunFinishedEvent, cap: (s: string) => string): string[] {
  const { request, result } = event;
  const byAgent = new Map<string, number>();
  for (const s of result.plan.subtasks) byAgent.set(s.agent, (byAgent.get(s.agent) ?? 0) + 1);
  return [
    cap(`request: ${request.task}`),
    `plan: ${result.plan.subtasks.length} sub-tasks (${[...byAgent].map(([a, n]) => `${a} ${n}`).join(', ')})`,
    cap(`status: ${result.status}: ${result.summary}`),
    `duration: ${Math.round(result.duration_ms)} ms`,
    `workspace: ${result.workspace}`,
    ...result.plan.rejected_instructions.map((r) => cap(`rejected instruction "${r.text}" (${r.rule}): ${r.reason}`)),
  ];
}

/** The run id used in entity names: the run folder's name (unique and time-sortable), else a timestamp. */
export function toRunId(result: OrchestrationResult, now: Date = new Date()): string {
  const folder = basename(result.workspace);
  return folder !== '' ? folder : `run-${now.toISOString()}`;
}

/**
 * A {@link RunObserver} that records each finished run's decisions in the first downstream memory server the
 * orchestrator may use (two calls: `create_entities`, then `create_relations`). Without such a server it does
 * nothing. A failure is thrown to the orchestrator, which logs it and leaves the result unchanged.
 */
export function createMemoryRecorder(pool: DownstreamPool, logger?: Logger): RunObserver {
  return {
    name: 'memory-decisions',
    async runFinished(event, options = {}) {
      const access = pool.access('orchestrator');
      if (access.servers().length === 0) return;
      const server = pickMemoryServer(await access.listTools(options));
      if (server === undefined) return;
      const runId = toRunId(event.result);
      const graph = toDecisionGraph(event, runId);
      for (const [tool, args] of [
        ['create_entities', { entities: graph.entities }],
        ['create_relations', { relations: graph.relations }],
      ] as const) {
        const result = await access.callTool(server, tool, args, options);
        if (result.isError)
          throw new DownstreamError('downstream_failed', server, `${tool} failed: ${textOf(result).slice(0, 300)}`);
      }
      logger?.info(
        { server, runId, entities: graph.entities.length, relations: graph.relations.length },
        'run decisions recorded',
      );
    },
  };
}
