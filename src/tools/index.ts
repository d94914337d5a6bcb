import type { McpServer } from '@modelcontextprotocol/server';
import { registerAutoFixCodeTool } from './auto-fix-code.js';
import { registerGenerateArchitectureTool } from './generate-architecture.js';
import { registerGetSystemStatusTool } from './get-system-status.js';
import { registerListCapabilitiesTool } from './list-capabilities.js';
import { registerOrchestrateTaskTool } from './orchestrate-task.js';
import { registerPingTool } from './ping.js';
import type { ToolDeps } from './tool-deps.js';

/** The single list of tools, in the order clients see them. */
export const TOOL_REGISTRARS: ReadonlyArray<(server: McpServer, deps: ToolDeps) => void> = [
  registerPingTool,
  registerListCapabilitiesTool,
  registerGetSystemStatusTool,
  registerOrchestrateTaskTool,
  registerGenerateArchitectureTool,
  registerAutoFixCodeTool,
];

/** Registers every tool of {@link TOOL_REGISTRARS} on `server`. */
export function registerAllTools(server: McpServer, deps: ToolDeps): void {
  for (const register of TOOL_REGISTRARS) register(server, deps);
}

export type { ToolDeps, ServerIdentity } from './tool-deps.js';
