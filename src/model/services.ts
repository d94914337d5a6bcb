import type { Agent } from '../contracts/agent.js';
import type { ArtifactChecker } from '../contracts/artifact.js';
import type { CodeFixer } from '../contracts/code-fix.js';
import type { DownstreamAccess } from '../contracts/downstream.js';
import type { ModelGateway } from '../contracts/model.js';
import type { Plan, PlanRequest, Planner } from '../contracts/plan.js';
import { DEFAULT_MODEL_BASE_URLS, type ModelConfig } from '../core/config-model.js';
import type { Logger } from '../core/logger.js';
import { createArchitectureNarrator, type ArchitectureNarrator } from './architecture-narrative.js';
import type { Delegation } from './delegate/delegation.js';
import { createModelGateway } from './gateway.js';
import { createModelLedger, type ModelLedger } from './ledger.js';
import { createModelAgent } from './model-agent.js';
import { createModelCodeFixer, type FixPolicy } from './model-fixer.js';
import { createModelPlanner, type SafetyScreen } from './model-planner.js';
import { createAnthropicProvider } from './providers/anthropic.js';
import { createOpenAiCompatibleProvider } from './providers/openai-compatible.js';
import type { ProviderClient } from './providers/types.js';
import { createModelScope, type ModelScope } from './scope.js';

/** The orchestrator's planning rules the model planner reuses (injected: siblings do not import each other). */
export interface PlanningRules {
  screen: SafetyScreen;
  validate: (plan: Pick<Plan, 'subtasks'>) => void;
  screenedText: (request: PlanRequest) => string;
}

/** What tools need of the model layer (`ToolDeps.model`). */
export interface ModelToolDeps {
  scope: ModelScope;
  /** True when a provider is configured (then every tool call is billed in its own model scope). */
  providerConfigured: boolean;
  gateway: ModelGateway;
  ledger: ModelLedger;
  narrator: ArchitectureNarrator;
  /** Delegate mode: `orchestrate_task { mode: "delegate" }` and `submit_subtask_result`. */
  delegation?: Delegation;
}

/** The model layer as the composition root builds it, with wrappers for the deterministic parts. */
export interface ModelServices extends ModelToolDeps {
  /** The model-assisted planner around the rule planner. */
  planner(rules: Planner, planning: PlanningRules): Planner;
  /** A model-assisted agent around a deterministic one (not for the quality agent). */
  agent(base: Agent, options: { checker: ArtifactChecker; downstream?: DownstreamAccess; timeoutMs: number }): Agent;
  /** The model-assisted fixer around the deterministic one. */
  codeFixer(base: CodeFixer, options: { checker: ArtifactChecker; policy: FixPolicy }): CodeFixer;
}

/** Options of {@link createModelServices}. */
export interface ModelServicesOptions {
  config: Readonly<ModelConfig>;
  /** The provider key, read from `process.env[config.api_key_env]` at the edge. Never logged nor returned. */
  apiKey?: string;
  logger?: Logger;
  /** Retry backoff bounds, ms (tests shorten them). */
  backoff?: { minMs: number; maxMs: number };
}

function createProvider(config: Readonly<ModelConfig>, apiKey: string | undefined): ProviderClient | undefined {
  if (config.provider === undefined || config.model === undefined) return undefined;
  const baseUrl = config.base_url ?? DEFAULT_MODEL_BASE_URLS[config.provider];
  const key = apiKey ? { apiKey } : {};
  return config.provider === 'anthropic'
    ? createAnthropicProvider({ baseUrl, model: config.model, ...key })
    : createOpenAiCompatibleProvider({ baseUrl, model: config.model, apiKeyHeader: config.api_key_header, ...key });
}

/**
 * Builds the model layer: scope, ledger, gateway (sampling → configured provider → none, per call), the narrator and
 * wrappers. Without a provider and without sampling clients every wrapper is a pass-through to the deterministic part.
 */
export function createModelServices(options: ModelServicesOptions): ModelServices {
  const { config, logger } = options;
  const scope = createModelScope();
  const ledger = createModelLedger({ budgetTokens: config.task_token_budget, prices: config.prices });
  const provider = createProvider(config, options.apiKey);
  const gateway = createModelGateway({
    scope,
    ledger,
    ...(provider ? { provider } : {}),
    useSampling: config.use_sampling,
    timeoutMs: config.timeout_ms,
    maxRetries: config.max_retries,
    maxOutputTokens: config.max_output_tokens,
    ...(options.backoff ? { minBackoffMs: options.backoff.minMs, maxBackoffMs: options.backoff.maxMs } : {}),
    ...(logger ? { logger } : {}),
  });
  const maxOutputTokens = config.max_output_tokens;
  return {
    scope,
    providerConfigured: provider !== undefined,
    ledger,
    gateway,
    narrator: createArchitectureNarrator({ gateway, maxOutputTokens }),
    planner: (rules, planning) => createModelPlanner({ gateway, rules, ...planning, maxOutputTokens }),
    agent: (base, agentOptions) =>
      createModelAgent({
        base,
        gateway,
        checker: agentOptions.checker,
        ...(agentOptions.downstream ? { downstream: agentOptions.downstream } : {}),
        limits: {
          maxTurns: config.agent_max_turns,
          maxTokens: config.agent_max_tokens,
          timeoutMs: agentOptions.timeoutMs,
        },
        maxOutputTokens,
      }),
    codeFixer: (base, fixOptions) =>
      createModelCodeFixer({ gateway, base, checker: fixOptions.checker, policy: fixOptions.policy, maxOutputTokens }),
  };
}
