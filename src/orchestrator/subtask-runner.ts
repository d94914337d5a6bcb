import type { Agent, AgentOutput } from '../contracts/agent.js';
import type { Artifact, ArtifactWriter, WrittenArtifact } from '../contracts/artifact.js';
import type { AgentKind, Plan, SubTask } from '../contracts/plan.js';
import type { SubTaskStatus } from '../contracts/run.js';
import { isOrchestratorError, OrchestratorError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { composeSignals, raceWithSignal, toCancelledError } from '../core/signals.js';

/** An artifact an agent produced and the writer put on disk. `producedBy` is the sub-task id. */
export interface ProducedArtifact {
  artifact: Artifact;
  written: WrittenArtifact;
  producedBy: string;
}

/** The final state of one sub-task run, before it is turned into a `SubTaskResult`. */
export interface SubTaskOutcome {
  status: Extract<SubTaskStatus, 'succeeded' | 'failed' | 'cancelled'>;
  durationMs: number;
  output?: AgentOutput;
  produced: ProducedArtifact[];
  error?: { code: string; message: string };
}

/** What one sub-task run needs. */
export interface SubTaskRunContext {
  plan: Plan;
  subtask: SubTask;
  agents: ReadonlyMap<AgentKind, Agent>;
  request: string;
  inputs: readonly Artifact[];
  writer: ArtifactWriter;
  runSignal: AbortSignal | undefined;
  subtaskTimeoutMs: number;
  logger: Logger | undefined;
}

/** Longest error message kept in a sub-task result, characters. */
const MAX_ERROR_MESSAGE_CHARS = 500;

function isValidOutput(output: unknown): output is AgentOutput {
  if (typeof output !== 'object' || output === null) return false;
  const candidate = output as Partial<AgentOutput>;
  return typeof candidate.summary === 'string' && Array.isArray(candidate.artifacts);
}

async function writeAll(
  ctx: SubTaskRunContext,
  artifacts: readonly Artifact[],
  signal: AbortSignal,
): Promise<ProducedArtifact[]> {
  const produced: ProducedArtifact[] = [];
  for (const artifact of artifacts) {
    const written = await raceWithSignal(ctx.writer.write(artifact, { signal, agent: ctx.subtask.agent }), signal);
    produced.push({ artifact, written, producedBy: ctx.subtask.id });
  }
  return produced;
}

function classifyFailure(
  ctx: SubTaskRunContext,
  signal: AbortSignal,
  error: unknown,
): Pick<SubTaskOutcome, 'status' | 'error'> {
  if (ctx.runSignal?.aborted) {
    return {
      status: 'cancelled',
      error: { code: 'cancelled', message: 'The run was cancelled while this sub-task was running.' },
    };
  }
  if (signal.aborted) {
    return {
      status: 'failed',
      error: { code: 'timeout', message: `The sub-task timed out after ${ctx.subtaskTimeoutMs} ms.` },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = isOrchestratorError(error) ? error.code : 'agent_error';
  return { status: 'failed', error: { code, message: message.slice(0, MAX_ERROR_MESSAGE_CHARS) } };
}

/**
 * Runs one sub-task: its agent under `AbortSignal.any([run signal, AbortSignal.timeout(subtaskTimeoutMs)])`, then
 * writes its artifacts. Never throws: every failure becomes an outcome (`cancelled` when the run signal aborted,
 * `failed` with code `timeout`, `agent_missing`, `invalid_output`, an `OrchestratorError` code or `agent_error`).
 * `durationMs` is measured with `performance.now()`. Artifacts written before a failure stay on disk but are not
 * reported.
 */
export async function runSubtask(ctx: SubTaskRunContext): Promise<SubTaskOutcome> {
  const startedAt = performance.now();
  const signal = composeSignals([ctx.runSignal], ctx.subtaskTimeoutMs);
  const { subtask } = ctx;
  try {
    const agent = ctx.agents.get(subtask.agent);
    if (agent === undefined) throw new OrchestratorError('agent_missing', `No ${subtask.agent} agent is configured.`);
    if (signal.aborted) throw toCancelledError(signal);
    const input = { subtask, request: ctx.request, analysis: ctx.plan.analysis, inputs: ctx.inputs };
    const output: unknown = await raceWithSignal(agent.run(input, { signal }), signal);
    if (!isValidOutput(output))
      throw new OrchestratorError('invalid_output', `The ${subtask.agent} agent returned no summary or artifacts.`);
    const produced = await writeAll(ctx, output.artifacts, signal);
    return { status: 'succeeded', durationMs: performance.now() - startedAt, output, produced };
  } catch (error) {
    const failure = classifyFailure(ctx, signal, error);
    ctx.logger?.warn({ subtask: subtask.id, err: error, status: failure.status }, 'sub-task did not succeed');
    return { ...failure, durationMs: performance.now() - startedAt, produced: [] };
  }
}
