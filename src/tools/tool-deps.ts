import type { Logger } from '../core/logger.js';
import type { Agent } from '../contracts/agent.js';
import type { ArchitectureEngine } from '../contracts/architecture.js';
import type { ArtifactChecker } from '../contracts/artifact.js';
import type { CodeFixer } from '../contracts/code-fix.js';
import type { DownstreamPool } from '../contracts/downstream.js';
import type { Orchestrator } from '../contracts/run.js';
import type { TaskService } from '../contracts/task-view.js';
import type { ModelToolDeps } from '../model/services.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { ToolCatalogEntry } from './tool-kit.js';

/** Name and version the server reports (`ping`, `serverInfo`), read from package.json by the composition root. */
export interface ServerIdentity {
  name: string;
  version: string;
}

/**
 * Everything tools need, injected by the composition root (`createApp`). Interfaces only: tests build the app
 * with the real parts and swap one where it cannot run here.
 */
export interface ToolDeps {
  identity: ServerIdentity;
  logger: Logger;
  metrics: Metrics;
  orchestrator: Orchestrator;
  architecture: ArchitectureEngine;
  codeFixer: CodeFixer;
  checker: ArtifactChecker;
  agents: readonly Agent[];
  /** Configured downstream MCP servers (issue #3): `find_tools`, `call_tool`, capabilities and status read it. */
  downstream: DownstreamPool;
  /** Model access (issue #5): the per-call scope, gateway, ledger and narrator; absent in apps built without it. */
  model?: ModelToolDeps;
  /** Durable tasks (issue #4): `orchestrate_task` starts runs here; the task tools and `task://` resources read it. */
  tasks: TaskService;
  /** Aborts when the server shuts down; composed into every call's signal. */
  shutdownSignal: AbortSignal;
  /** The tools registered on this MCP server instance, filled by `defineTool` as each registers. */
  catalog: ToolCatalogEntry[];
}
