import type {
  ModelAccess,
  ModelContent,
  ModelGateway,
  ModelRequest,
  ModelResponse,
  ModelUsage,
  SamplingChannel,
} from '../contracts/model.js';
import { CancelledError, isOrchestratorError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { composeSignals, throwIfAborted } from '../core/signals.js';
import { ModelError } from './errors.js';
import type { ModelLedger } from './ledger.js';
import type { ProviderClient } from './providers/types.js';
import { withRetry } from './retry.js';
import type { ModelBinding, ModelScope } from './scope.js';

/** Ledger task of calls made outside any tool call (none today; kept so nothing is unbilled). */
export const UNSCOPED_TASK_ID = 'unscoped';
/** Smallest answer worth asking for, tokens; a budget with less left refuses the call. */
export const MIN_OUTPUT_TOKENS = 256;

/** What the gateway is built from (by the composition root). */
export interface ModelGatewayDeps {
  scope: ModelScope;
  ledger: ModelLedger;
  /** The configured provider, if any. */
  provider?: ProviderClient;
  /** Prefer the calling client's sampling when it offers it (`model.use_sampling`). */
  useSampling: boolean;
  /** Deadline of one call including retries, ms. */
  timeoutMs: number;
  maxRetries: number;
  /** Upper bound of any call's `maxTokens`. */
  maxOutputTokens: number;
  /** Backoff bounds, ms (tests shorten them). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  logger?: Logger;
}

/** ⌈characters / 4⌉: the estimate used where no usage is reported (labelled `estimated`). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function contentChars(content: readonly ModelContent[]): number {
  let n = 0;
  for (const block of content) {
    if (block.type === 'text') n += block.text.length;
    else if (block.type === 'tool_use') n += block.name.length + JSON.stringify(block.input).length;
    else n += block.text.length;
  }
  return n;
}

function requestTokens(request: ModelRequest): number {
  const chars =
    request.system.length +
    request.messages.reduce((n, m) => n + contentChars(m.content), 0) +
    (request.tools ?? []).reduce(
      (n, t) => n + t.name.length + t.description.length + JSON.stringify(t.inputSchema).length,
      0,
    );
  return Math.ceil(chars / 4);
}

function toStopReason(reason: string | undefined, content: readonly ModelContent[]): ModelResponse['stopReason'] {
  if (reason === 'toolUse' || content.some((c) => c.type === 'tool_use')) return 'tool_use';
  if (reason === 'endTurn' || reason === 'stopSequence') return 'end';
  if (reason === 'maxTokens') return 'max_tokens';
  return 'other';
}

function describeAccess(deps: ModelGatewayDeps, binding: ModelBinding | undefined): ModelAccess {
  if (deps.useSampling && binding?.sampling) {
    const tools = binding.sampling.supportsTools;
    return {
      mode: 'sampling',
      reason: `The calling client advertised MCP sampling${tools ? ' with tools' : ''}; its model is used (it picks which).`,
      provider: null,
      model: null,
      tools,
    };
  }
  const why = deps.useSampling
    ? (binding?.samplingAbsentReason ?? 'no client request is in progress')
    : 'sampling is disabled by model.use_sampling';
  if (deps.provider) {
    return {
      mode: 'provider',
      reason: `Using the configured ${deps.provider.name} provider (model ${deps.provider.model}); sampling not used: ${why}.`,
      provider: deps.provider.name,
      model: deps.provider.model,
      tools: true,
    };
  }
  return {
    mode: 'none',
    reason: `No model: no provider is configured (config "model.provider") and sampling is not available (${why}). Planning, agents, fixes and architecture run on the deterministic engines.`,
    provider: null,
    model: null,
    tools: false,
  };
}

function toSamplingFailure(error: unknown, caller: AbortSignal | undefined, deadline: AbortSignal): Error {
  if (caller?.aborted) return new CancelledError('The model call was cancelled.', { cause: error });
  if (deadline.aborted)
    return new ModelError('model_timeout', 'The client did not answer the sampling request in time.');
  if (isOrchestratorError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ModelError('model_failed', `The client's sampling failed: ${message.slice(0, 300)}`);
}

async function callSampling(
  deps: ModelGatewayDeps,
  channel: SamplingChannel,
  request: ModelRequest,
  maxTokens: number,
  signal: AbortSignal | undefined,
): Promise<Omit<ModelResponse, 'durationMs' | 'via'>> {
  const deadline = composeSignals([signal], deps.timeoutMs);
  try {
    const result = await channel.createMessage(
      {
        systemPrompt: request.system,
        messages: request.messages,
        maxTokens,
        ...(channel.supportsTools && request.tools?.length ? { tools: request.tools } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      },
      { signal: deadline, timeoutMs: deps.timeoutMs },
    );
    const usage: ModelUsage = {
      inputTokens: requestTokens(request),
      outputTokens: Math.ceil(contentChars(result.content) / 4),
      source: 'estimated',
    };
    return {
      content: result.content,
      stopReason: toStopReason(result.stopReason, result.content),
      model: result.model,
      usage,
    };
  } catch (error) {
    throw toSamplingFailure(error, signal, deadline);
  }
}

async function callProvider(
  deps: ModelGatewayDeps,
  provider: ProviderClient,
  request: ModelRequest,
  maxTokens: number,
  signal: AbortSignal | undefined,
): Promise<Omit<ModelResponse, 'durationMs' | 'via'>> {
  const answer = await withRetry(
    (attemptSignal) =>
      provider.complete(
        {
          system: request.system,
          messages: request.messages,
          maxTokens,
          ...(request.tools?.length ? { tools: request.tools } : {}),
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        },
        { signal: attemptSignal, ...(signal ? { callerSignal: signal } : {}) },
      ),
    {
      deadlineMs: deps.timeoutMs,
      retries: deps.maxRetries,
      ...(deps.minBackoffMs !== undefined ? { minBackoffMs: deps.minBackoffMs } : {}),
      ...(deps.maxBackoffMs !== undefined ? { maxBackoffMs: deps.maxBackoffMs } : {}),
      ...(signal ? { signal } : {}),
      onRetry: () => deps.ledger.recordRetry(),
    },
  );
  const usage: ModelUsage = answer.usage
    ? { ...answer.usage, source: 'reported' }
    : {
        inputTokens: requestTokens(request),
        outputTokens: Math.ceil(contentChars(answer.content) / 4),
        source: 'estimated',
      };
  return { content: answer.content, stopReason: answer.stopReason, model: answer.model, usage };
}

interface CallPlan {
  taskId: string;
  via: Exclude<ModelAccess['mode'], 'none'>;
  sampling: SamplingChannel | undefined;
  maxTokens: number;
}

/** Makes the call on the chosen path and records it (or its failure) in the ledger. */
async function runCall(
  deps: ModelGatewayDeps,
  plan: CallPlan,
  request: ModelRequest,
  signal: AbortSignal | undefined,
): Promise<ModelResponse> {
  const startedAt = performance.now();
  let answer: Omit<ModelResponse, 'durationMs' | 'via'>;
  try {
    answer = plan.sampling
      ? await callSampling(deps, plan.sampling, request, plan.maxTokens, signal)
      : await callProvider(deps, deps.provider as ProviderClient, request, plan.maxTokens, signal);
  } catch (error) {
    const code = isOrchestratorError(error) ? error.code : 'model_failed';
    const model = plan.sampling ? 'sampling' : (deps.provider?.model ?? 'unknown');
    if (!(error instanceof CancelledError)) {
      deps.ledger.recordFailure({ taskId: plan.taskId, caller: request.caller, model, code });
    }
    deps.logger?.warn({ caller: request.caller, via: plan.via, code, taskId: plan.taskId }, 'model call failed');
    throw error;
  }
  const { usage } = answer;
  // Provider calls are booked under the configured model name (the one prices are keyed by); the answer may name a
  // dated variant. Sampling calls are booked under the name the client reported.
  const model = plan.sampling ? answer.model : (deps.provider?.model ?? answer.model);
  deps.ledger.recordCall({ taskId: plan.taskId, caller: request.caller, model, via: plan.via, usage });
  deps.logger?.debug(
    {
      caller: request.caller,
      via: plan.via,
      model: answer.model,
      tokensIn: usage.inputTokens,
      tokensOut: usage.outputTokens,
    },
    'model call finished',
  );
  return { ...answer, via: plan.via, durationMs: performance.now() - startedAt };
}

/**
 * Creates the gateway (see {@link ModelGateway}). Budget: before a call it reserves the estimated input tokens plus
 * the answer's `maxTokens` from the task's budget; the call's `maxTokens` shrinks to what is left, and a call that
 * cannot get {@link MIN_OUTPUT_TOKENS} is refused with `model_budget_exceeded`. The reservation is returned when
 * the call ends and the actual usage is recorded. Log lines carry caller, path, model and token counts — never a
 * key, a prompt or an answer.
 */
export function createModelGateway(deps: ModelGatewayDeps): ModelGateway {
  return {
    access: (hint) =>
      describeAccess(deps, deps.scope.current() ?? (hint ? { ...hint, taskId: UNSCOPED_TASK_ID } : undefined)),
    recordFallback(caller, reason) {
      const taskId = deps.scope.current()?.taskId ?? UNSCOPED_TASK_ID;
      deps.ledger.recordFallback(taskId, caller);
      deps.logger?.info({ caller, taskId, reason }, 'model fallback: deterministic engine used');
    },
    async complete(request, options = {}) {
      const { signal } = options;
      throwIfAborted(signal);
      const binding = deps.scope.current();
      const access = describeAccess(deps, binding);
      if (access.mode === 'none') throw new ModelError('model_unavailable', access.reason);
      const taskId = binding?.taskId ?? UNSCOPED_TASK_ID;
      const input = requestTokens(request);
      const granted = deps.ledger.reserve(taskId, input + Math.min(request.maxTokens, deps.maxOutputTokens));
      try {
        if (granted - input < MIN_OUTPUT_TOKENS) {
          deps.ledger.recordBudgetRefusal(taskId);
          throw new ModelError(
            'model_budget_exceeded',
            `The task's token budget (${deps.ledger.budgetTokens}) is spent.`,
            {
              hint: 'Raise model.task_token_budget in the config file, or split the work.',
            },
          );
        }
        const sampling = access.mode === 'sampling' ? binding?.sampling : undefined;
        return await runCall(deps, { taskId, via: access.mode, sampling, maxTokens: granted - input }, request, signal);
      } finally {
        deps.ledger.release(taskId, granted);
      }
    },
  };
}
