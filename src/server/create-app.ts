import { McpServer } from '@modelcontextprotocol/server';
import { createBackendAgent, createDevopsAgent, createFrontendAgent, createQualityAgent } from '../../agents/index.js';
import { createArchitectureEngine } from '../../generators/architecture/index.js';
import { createArtifactChecker } from '../../generators/checks/index.js';
import { createCodeFixer } from '../../generators/code-fix/index.js';
import type { Config } from '../core/config.js';
import { createSilentLogger, type Logger } from '../core/logger.js';
import type { Agent } from '../contracts/agent.js';
import type { DownstreamPool } from '../contracts/downstream.js';
import type { AgentKind } from '../contracts/plan.js';
import { createExecutor } from '../orchestrator/executor.js';
import { createOrchestrator } from '../orchestrator/orchestrator.js';
import { createRulePlanner } from '../orchestrator/planner.js';
import { createWorkspaceWriter } from '../store/workspace-writer.js';
import { openTaskStore, resolveDataDir } from '../store/open-task-store.js';
import { startStorePruner } from '../store/store-pruner.js';
import { createTaskService } from '../orchestrator/task-service.js';
import { createMetrics } from '../telemetry/metrics.js';
import { createRunWriter } from '../downstream/fs-writer.js';
import { createMemoryRecorder } from '../downstream/memory-recorder.js';
import { createDownstreamPool } from '../downstream/pool.js';
import { registerAllTools, type ToolDeps } from '../tools/index.js';
import { createEngineWorker, isEngineWorkerAvailable } from '../workers/engine-client.js';
import { readServerIdentity } from './identity.js';
import { registerTaskResources } from './resources/task-resources.js';
import { createModelWiring, type AppModelOptions } from './model-wiring.js';

/** Short guidance sent to clients at initialize (MCP `instructions`). */
const INSTRUCTIONS =
  'Use orchestrate_task to plan and build a feature (artifacts are written and checked in a workspace), ' +
  'generate_architecture for a design with ADRs, auto_fix_code for a failing TypeScript/JavaScript/JSON file, ' +
  'and get_system_status for measured health. No model is needed. ' +
  'find_tools searches the tools of configured downstream MCP servers; call_tool calls one. ' +
  'Every orchestration is a durable task: past wait_ms orchestrate_task returns its task_id; get_task follows it, ' +
  'cancel_task stops it, resume_task re-runs what did not finish, list_tasks shows the history.';

/** Parts a test may replace (hand-written fakes implementing the contracts), everything else is built for real. */
export type AppOverrides = Partial<
  Pick<ToolDeps, 'orchestrator' | 'architecture' | 'codeFixer' | 'checker' | 'agents' | 'downstream'>
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
  /** Model access (issue #5): the provider key read from the environment by the CLI, test backoff bounds. */
  model?: AppModelOptions;
}

/** The running application: shared state plus a factory of MCP server instances (one per connection). */
export interface App {
  /** Builds an MCP server with every tool registered against this app's shared parts. */
  createMcpServer(): McpServer;
  /**
   * Cancels running work (shutdown signal), stops metrics, stops running tasks (committed as `interrupted`, resumable
   * after a restart) and closes the task store. Idempotent.
   */
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
  const identity = readServerIdentity();
  // Downstream MCP servers (issue #3): entries are validated one by one (a bad one is logged and skipped),
  // nothing connects before first use; preflight only checks commands on PATH and URLs' TCP reachability.
  const ownPool = createDownstreamPool({
    servers: overrides.downstream ? {} : config.mcpServers,
    clientInfo: identity,
    logger,
  });
  const downstream: DownstreamPool = overrides.downstream ?? ownPool;
  if (!overrides.downstream && Object.keys(config.mcpServers).length > 0) {
    void ownPool.preflight({ signal: shutdown.signal }).catch(() => undefined);
  }
  const engineWorker =
    (options.engines ?? (isEngineWorkerAvailable() ? 'worker' : 'in-process')) === 'worker'
      ? createEngineWorker({ logger })
      : undefined;
  const checker = overrides.checker ?? engineWorker?.checker ?? createArtifactChecker();
  const model = createModelWiring(config, logger, options.model);
  const agents: readonly Agent[] =
    overrides.agents ??
    model.agents([createFrontendAgent(), createBackendAgent(), createDevopsAgent(), createQualityAgent({ checker })], {
      checker,
      downstream,
    });
  const planner = model.planner(createRulePlanner());
  const createWriter = (root: string) =>
    createRunWriter({ pool: downstream, runRoot: root, fallback: createWorkspaceWriter(root), logger });
  const orchestrator =
    overrides.orchestrator ??
    createOrchestrator({
      planner,
      executor: createExecutor({
        agents: new Map<AgentKind, Agent>(agents.map((a) => [a.kind, a])),
        maxConcurrent: config.orchestrator.max_concurrent_subtasks,
        subtaskTimeoutMs: config.orchestrator.subtask_timeout_ms,
        logger,
      }),
      createWriter,
      observers: [createMemoryRecorder(downstream, logger)],
      ...(config.workspace ? { workspace: config.workspace } : {}),
      inlineArtifactMaxBytes: config.orchestrator.inline_artifact_max_bytes,
      logger,
    });
  // Durable tasks (issue #4): the store opens in the background (its file is first read through in a child process,
  // since LMDB can crash on a damaged file); runs outlive the calls that start them; retention prunes hourly.
  const store = openTaskStore({ dataDir: resolveDataDir(config.store.data_dir), logger });
  const tasks = createTaskService({
    store,
    orchestrator,
    planner,
    createWriter,
    ...(config.workspace ? { workspace: config.workspace } : {}),
    inlineArtifactMaxBytes: config.orchestrator.inline_artifact_max_bytes,
    logger,
  });
  const pruner = startStorePruner({
    store,
    retentionDays: config.store.retention_days,
    maxBytes: config.store.max_bytes,
    logger,
  });
  const shared: Omit<ToolDeps, 'catalog'> = {
    identity,
    logger,
    metrics,
    orchestrator,
    architecture: overrides.architecture ?? createArchitectureEngine(),
    codeFixer: model.codeFixer(overrides.codeFixer ?? engineWorker?.codeFixer ?? createCodeFixer(), checker),
    checker,
    agents,
    downstream,
    model: model.toolDeps(checker),
    tasks,
    shutdownSignal: shutdown.signal,
  };

  return {
    createMcpServer() {
      const server = new McpServer(
        { name: shared.identity.name, version: shared.identity.version },
        // logging/setLevel, prompts/list and resources/list answer on every instance (2025 clients and the
        // conformance suite expect them); tools and resources register their own entries.
        { instructions: INSTRUCTIONS, capabilities: { logging: {}, prompts: {}, resources: {} } },
      );
      registerAllTools(server, { ...shared, catalog: [] });
      registerTaskResources(server, tasks);
      return server;
    },
    async dispose() {
      if (shutdown.signal.aborted) return;
      shutdown.abort(new Error('server shutting down'));
      metrics.dispose();
      // Running tasks stop and commit as `interrupted` before the engines and the store go away.
      await tasks.dispose();
      await pruner.stop();
      await (await store).close();
      await Promise.all([engineWorker?.dispose(), ownPool.close()]);
    },
  };
}
