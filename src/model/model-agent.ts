import type { Agent, AgentOutput, AgentRunInput } from '../contracts/agent.js';
import type { Artifact, ArtifactChecker, Diagnostic } from '../contracts/artifact.js';
import type { DownstreamAccess } from '../contracts/downstream.js';
import type { ModelContent, ModelGateway, ModelMessage } from '../contracts/model.js';
import { composeSignals, toCancelledError } from '../core/signals.js';
import { AgentAnswerSchema, checkAgentAnswer, toAgentBrief, toAgentSystemPrompt } from './agent-prompts.js';
import { createAgentToolbox, type AgentToolbox } from './agent-tools.js';
import { ModelError } from './errors.js';
import { MIN_OUTPUT_TOKENS } from './gateway.js';
import { readJsonAnswer, textOf, toRepairMessage } from './json-output.js';

/** Limits of one agent's model loop per sub-task. */
export interface AgentLoopLimits {
  /** Model calls per sub-task (tool turns, repair and check-feedback rounds included). */
  maxTurns: number;
  /** Input + output tokens per sub-task. */
  maxTokens: number;
  /** Wall time of the loop, ms; keep it below the sub-task timeout so the fallback still fits. */
  timeoutMs: number;
}

/** What a model-assisted agent is built from. */
export interface ModelAgentDeps {
  /** The deterministic agent: it writes the draft and is the fallback. */
  base: Agent;
  gateway: ModelGateway;
  /** Checks the model's files before they are accepted (the quality agent checks them again later). */
  checker: ArtifactChecker;
  /** Downstream servers this agent's principal may use, offered to the model as tools. */
  downstream?: DownstreamAccess;
  limits: AgentLoopLimits;
  maxOutputTokens: number;
}

interface LoopState {
  turns: number;
  tokens: number;
  repairs: number;
  model: string;
}

type Judgement = { done: true; artifacts: Artifact[] } | { done: false; feedback: string };

const user = (text: string): ModelMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const isToolUse = (c: ModelContent): c is Extract<ModelContent, { type: 'tool_use' }> => c.type === 'tool_use';

/** Checks the model's files with the inputs beside them (so imports resolve); returns the failed ones. */
async function failedChecks(
  checker: ArtifactChecker,
  artifacts: readonly Artifact[],
  inputs: readonly Artifact[],
  signal: AbortSignal,
): Promise<Array<{ path: string; errors: Diagnostic[] }>> {
  const own = new Set(artifacts.map((a) => a.path));
  const context = [...new Map(inputs.filter((a) => !own.has(a.path)).map((a) => [a.path, a])).values()];
  const verdicts = await checker.check([...context, ...artifacts], { signal });
  return artifacts.flatMap((a) => {
    const verdict = verdicts.get(a.path);
    if (verdict?.status !== 'failed') return [];
    return [{ path: a.path, errors: verdict.diagnostics.filter((d) => d.severity === 'error') }];
  });
}

function describeFailures(failures: ReadonlyArray<{ path: string; errors: Diagnostic[] }>): string {
  const lines = ['These files failed their checks; fix them and answer with the whole JSON again:'];
  for (const f of failures) {
    lines.push(`${f.path}:`);
    for (const d of f.errors.slice(0, 6)) {
      lines.push(
        `  - ${d.source} ${d.code ?? ''}${d.line ? ` line ${d.line}` : ''}: ${d.message.split('\n')[0] ?? ''}`,
      );
    }
  }
  return lines.join('\n');
}

async function judge(
  deps: ModelAgentDeps,
  input: AgentRunInput,
  draft: AgentOutput,
  text: string,
  state: LoopState,
  signal: AbortSignal,
): Promise<Judgement> {
  const reading = readJsonAnswer(text, AgentAnswerSchema, (answer) => checkAgentAnswer(answer, draft));
  if (!reading.ok) {
    if (state.repairs >= 1) {
      throw new ModelError(
        'model_output_invalid',
        `The answer stayed invalid after one repair round: ${reading.errors.slice(0, 3).join('; ')}`,
      );
    }
    state.repairs += 1;
    return { done: false, feedback: toRepairMessage(reading.errors) };
  }
  const artifacts: Artifact[] = reading.value.artifacts.map((a) => ({ ...a }));
  const failures = await failedChecks(deps.checker, artifacts, input.inputs, signal);
  return failures.length === 0 ? { done: true, artifacts } : { done: false, feedback: describeFailures(failures) };
}

function toOutput(draft: AgentOutput, artifacts: Artifact[], state: LoopState, via: string): AgentOutput {
  const drafted = new Set(draft.artifacts.map((a) => a.path));
  const added = artifacts.filter((a) => !drafted.has(a.path)).length;
  const changed = artifacts.filter(
    (a) => drafted.has(a.path) && draft.artifacts.find((d) => d.path === a.path)?.content !== a.content,
  ).length;
  return {
    summary:
      `${draft.summary} Revised by a model (${state.model} via ${via}) in ${state.turns} turn(s): ` +
      `${artifacts.length} file(s), ${changed} changed and ${added} added; the checker found no error in them.`,
    artifacts,
  };
}

async function runLoop(
  deps: ModelAgentDeps,
  input: AgentRunInput,
  draft: AgentOutput,
  signal: AbortSignal,
): Promise<AgentOutput> {
  const kind = deps.base.kind;
  const access = deps.gateway.access();
  const toolbox: AgentToolbox = access.tools
    ? await createAgentToolbox(deps.downstream, { signal })
    : { specs: [], run: () => Promise.resolve([]) };
  const system = toAgentSystemPrompt(kind, toolbox.specs.length > 0);
  const messages: ModelMessage[] = [user(toAgentBrief(input, draft))];
  const state: LoopState = { turns: 0, tokens: 0, repairs: 0, model: access.model ?? 'client-selected' };
  while (state.turns < deps.limits.maxTurns) {
    const left = deps.limits.maxTokens - state.tokens;
    if (left < MIN_OUTPUT_TOKENS) {
      throw new ModelError('model_budget_exceeded', `The agent's token limit (${deps.limits.maxTokens}) was reached.`);
    }
    const response = await deps.gateway.complete(
      { caller: kind, system, messages, tools: toolbox.specs, maxTokens: Math.min(deps.maxOutputTokens, left) },
      { signal },
    );
    state.turns += 1;
    state.tokens += response.usage.inputTokens + response.usage.outputTokens;
    state.model = response.model;
    messages.push({ role: 'assistant', content: response.content });
    const uses = response.content.filter(isToolUse);
    if (uses.length > 0) {
      messages.push({ role: 'user', content: await toolbox.run(uses, { signal }) });
      continue;
    }
    const judgement = await judge(deps, input, draft, textOf(response.content), state, signal);
    if (judgement.done) return toOutput(draft, judgement.artifacts, state, response.via);
    messages.push(user(judgement.feedback));
  }
  throw new ModelError('model_output_invalid', `No accepted answer within ${deps.limits.maxTurns} turn(s).`);
}

/**
 * Wraps a deterministic agent with a bounded model loop. The deterministic agent runs first and its output is the
 * draft (and the fallback). With a model available, the loop sends the role prompt, the sub-task, the request and
 * the draft; the model may call the downstream tools its principal may use; its final answer is JSON validated with
 * zod (every draft path kept), then every file is run through the checker, and failures are fed back — all within
 * `maxTurns`, `maxTokens` and `timeoutMs`. Any failure (no model, timeout, budget, invalid answer, files that still
 * fail) returns the draft. The quality agent is not wrapped: it checks everyone's files, a model never grades its own.
 *
 * @throws CancelledError when the caller's `signal` aborts; what the deterministic agent throws.
 */
export function createModelAgent(deps: ModelAgentDeps): Agent {
  return {
    kind: deps.base.kind,
    skills: deps.base.skills,
    async run(input, options = {}) {
      const draft = await deps.base.run(input, options);
      if (deps.gateway.access().mode === 'none') return draft;
      const loopSignal = composeSignals([options.signal], deps.limits.timeoutMs);
      try {
        return await runLoop(deps, input, draft, loopSignal);
      } catch (error) {
        if (options.signal?.aborted) throw toCancelledError(options.signal);
        deps.gateway.recordFallback(deps.base.kind, (error as Error).message);
        return draft;
      }
    },
  };
}
