import { ENVIRONMENT_CODES, FORBIDDEN_TEXT } from '../../generators/code-fix/index.js';
import type { Agent } from '../contracts/agent.js';
import type { ArtifactChecker } from '../contracts/artifact.js';
import type { CodeFixer } from '../contracts/code-fix.js';
import type { DownstreamPool } from '../contracts/downstream.js';
import type { Planner } from '../contracts/plan.js';
import type { Config } from '../core/config.js';
import type { Logger } from '../core/logger.js';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDelegation, type Delegation } from '../model/delegate/delegation.js';
import { createMemoryDelegationStore } from '../model/delegate/memory-store.js';
import type { DelegationStore } from '../model/delegate/types.js';
import { createModelServices, type ModelToolDeps } from '../model/services.js';
import { toMermaid, validatePlan } from '../orchestrator/dag.js';
import { createRulePlanner, screenPlanRequest } from '../orchestrator/planner.js';
import { screenRequest } from '../orchestrator/safety.js';
import { createWorkspaceWriter } from '../store/workspace-writer.js';

/** Share of the sub-task timeout an agent's model loop may use, so the deterministic fallback still fits. */
export const AGENT_LOOP_SHARE_OF_SUBTASK_TIMEOUT = 0.75;

/** Model options of the app (issue #5). */
export interface AppModelOptions {
  /** The provider key, read from `process.env[config.model.api_key_env]` by the CLI. Never logged. */
  apiKey?: string;
  /** Retry backoff bounds, ms (tests shorten them). */
  backoff?: { minMs: number; maxMs: number };
}

/** The model layer wired into the composition root. Every wrapper is a pass-through while no model is available. */
export interface ModelWiring {
  /** What tools need; `delegation` plans with the planner wrapped by {@link ModelWiring.planner} (or a new one). */
  toolDeps(checker: ArtifactChecker, store?: DelegationStore): ModelToolDeps;
  planner(rules: Planner): Planner;
  /** Wraps frontend/backend/devops; the quality agent stays deterministic (it checks everyone's files). */
  agents(agents: readonly Agent[], deps: { checker: ArtifactChecker; downstream: DownstreamPool }): Agent[];
  codeFixer(base: CodeFixer, checker: ArtifactChecker): CodeFixer;
}

/** Builds the model layer from the config (the composition root's only model-related call). */
export function createModelWiring(
  config: Readonly<Config>,
  logger: Logger,
  options: AppModelOptions = {},
): ModelWiring {
  const services = createModelServices({
    config: config.model,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    logger,
  });
  const planning = {
    screen: screenRequest,
    validate: validatePlan,
    screenedText: (request: Parameters<typeof screenPlanRequest>[0]) => screenPlanRequest(request).text,
  };
  let wrapped: Planner | undefined;
  const loopMs = Math.max(
    1_000,
    Math.floor(config.orchestrator.subtask_timeout_ms * AGENT_LOOP_SHARE_OF_SUBTASK_TIMEOUT),
  );
  return {
    toolDeps: (checker, store) => ({
      scope: services.scope,
      providerConfigured: services.providerConfigured,
      gateway: services.gateway,
      ledger: services.ledger,
      narrator: services.narrator,
      delegation: createWiredDelegation(config, {
        checker,
        store: store ?? createMemoryDelegationStore(),
        planner: wrapped ?? services.planner(createRulePlanner(), planning),
        screenedText: planning.screenedText,
      }),
    }),
    planner: (rules) => (wrapped = services.planner(rules, planning)),
    agents: (agents, deps) =>
      agents.map((agent) =>
        agent.kind === 'quality'
          ? agent
          : services.agent(agent, {
              checker: deps.checker,
              downstream: deps.downstream.access(agent.kind),
              timeoutMs: loopMs,
            }),
      ),
    codeFixer: (base, checker) =>
      services.codeFixer(base, {
        checker,
        policy: { environmentCodes: ENVIRONMENT_CODES, forbiddenText: FORBIDDEN_TEXT },
      }),
  };
}

/** Prefix of a delegated task's run folder (under the workspace, or the temp directory when none is configured). */
export const DELEGATE_RUN_PREFIX = 'delegate-';

function createWiredDelegation(
  config: Readonly<Config>,
  deps: {
    checker: ArtifactChecker;
    store: DelegationStore;
    planner: Planner;
    screenedText: (r: Parameters<typeof screenPlanRequest>[0]) => string;
  },
): Delegation {
  return createDelegation({
    ...deps,
    toMermaid,
    createWriter: (root) => Promise.resolve(createWorkspaceWriter(root)),
    async createRunRoot() {
      if (config.workspace === undefined) return mkdtemp(join(tmpdir(), `multi-orchestrator-${DELEGATE_RUN_PREFIX}`));
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const root = join(resolve(config.workspace), `${DELEGATE_RUN_PREFIX}${stamp}-${randomBytes(3).toString('hex')}`);
      await mkdir(root, { recursive: true });
      return root;
    },
  });
}
