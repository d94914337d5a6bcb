import { McpServer } from '@modelcontextprotocol/server';
import { createBackendAgent, createDevopsAgent, createFrontendAgent, createQualityAgent } from '../../agents/index.js';
import { createArchitectureEngine } from '../../generators/architecture/index.js';
import { createArtifactChecker } from '../../generators/checks/index.js';
import { createCodeFixer } from '../../generators/code-fix/index.js';
import type { Config } from '../core/config.js';
import { createSilentLogger, type Logger } from '../core/logger.js';
import type { Agent } from '../contracts/agent.js';
import type { AgentKind } from '../contracts/plan.js';
import { createExecutor } from '../orchestrator/executor.js';
import { createOrchestrator } from '../orchestrator/orchestrator.js';
import { createRulePlanner } from '../orchestrator/planner.js';
import { createWorkspaceWriter } from '../store/workspace-writer.js';
import { createMetrics } from '../telemetry/metrics.js';
import { registerAllTools, type ToolDeps } from '../tools/index.js';
import { createEngineWorker, isEngineWorkerAvailable } from '../workers/engine-client.js';
import { readServerIdentity } from './identity.js';

/** Short guidance sent to clients at initialize (MCP `instructions`). */
const INSTRUCTIONS =
  'Use orchestrate_task to plan and build a feature (artifacts are written and checked in a workspace), ' +
  'generate_architecture for a design with ADRs, auto_fix_code for a failing TypeScript/JavaScript/JSON file, ' +
  'and get_system_status for measured health. No model is needed.';

/** Parts a test may replace (hand-written fakes implementing the contracts), everything else is built for real. */
export type AppOverrides = Partial<
  Pick<ToolDeps, 'orchestrator' | 'architecture' | 'codeFixer' | 'checker' | 'agents'>
>;

/** Options of {@link createApp}. */
export interface AppOptions {
  config: Readonly<Config>;
  logger?: Logger;
  overrides?: AppOverrides;
  /**
   * Where the checker and the code fixer run: `worker` (a worker thread, so checks never block the event loop)
   * or `in-process`. Default: `worker` when the compiled worker script exists, else `in-process` (TS sources).
   */
  engines?: 'worker' | 'in-process';
}

/** The running application: shared state plus a factory of MCP server instances (one per connection). */
export interface App {
  /** Builds an MCP server with every tool registered against this app's shared parts. */
  createMcpServer(): McpServer;
  /** Cancels running work (shutdown signal), stops metrics. Idempotent. */
  dispose(): Promise<void>;
}

/**
 * The composition root: the only place that creates concrete agents, engines, the checker, the orchestrator and
 * metrics. Heavy engines (TypeScript, ESLint) load lazily on their first use, so building the app is cheap.
 */
export function createApp(options: AppOptions): App {
  const { config, overrides = {} } = options;
  const logger = options.logger ?? createSilentLogger();
  const shutdown = new AbortController();
  const metrics = createMetrics();
  const engineWorker =
    (options.engines ?? (isEngineWorkerAvailable() ? 'worker' : 'in-process')) === 'worker'
      ? createEngineWorker({ logger })
      : undefined;
  const checker = overrides.checker ?? engineWorker?.checker ?? createArtifactChecker();
  const agents: readonly Agent[] = overrides.agents ?? [
    createFrontendAgent(),
    createBackendAgent(),
    createDevopsAgent(),
    createQualityAgent({ checker }),
  ];
  const orchestrator =
    overrides.orchestrator ??
    createOrchestrator({
      planner: createRulePlanner(),
      executor: createExecutor({
        agents: new Map<AgentKind, Agent>(agents.map((a) => [a.kind, a])),
        maxConcurrent: config.orchestrator.max_concurrent_subtasks,
        subtaskTimeoutMs: config.orchestrator.subtask_timeout_ms,
        logger,
      }),
      createWriter: (root) => Promise.resolve(createWorkspaceWriter(root)),
      ...(config.workspace ? { workspace: config.workspace } : {}),
      inlineArtifactMaxBytes: config.orchestrator.inline_artifact_max_bytes,
      logger,
    });
  const shared: Omit<ToolDeps, 'catalog'> = {
    identity: readServerIdentity(),
    logger,
    metrics,
    orchestrator,
    architecture: overrides.architecture ?? createArchitectureEngine(),
    codeFixer: overrides.codeFixer ?? engineWorker?.codeFixer ?? createCodeFixer(),
    checker,
    agents,
    shutdownSignal: shutdown.signal,
  };

  return {
    createMcpServer() {
      const server = new McpServer(
        { name: shared.identity.name, version: shared.identity.version },
        { instructions: INSTRUCTIONS },
      );
      registerAllTools(server, { ...shared, catalog: [] });
      return server;
    },
    async dispose() {
      if (shutdown.signal.aborted) return;
      shutdown.abort(new Error('server shutting down'));
      metrics.dispose();
      await engineWorker?.dispose();
    },
  };
}
