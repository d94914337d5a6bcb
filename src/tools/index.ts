import type { McpServer } from '@modelcontextprotocol/server';
import { registerAutoFixCodeTool } from './auto-fix-code.js';
import { registerCancelTaskTool } from './cancel-task.js';
import { registerCallToolTool } from './call-tool.js';
import { registerFindToolsTool } from './find-tools.js';
import { registerGenerateArchitectureTool } from './generate-architecture.js';
import { registerGetSystemStatusTool } from './get-system-status.js';
import { registerGetTaskTool } from './get-task.js';
import { registerListCapabilitiesTool } from './list-capabilities.js';
import { registerListTasksTool } from './list-tasks.js';
import { registerOrchestrateTaskTool } from './orchestrate-task.js';
import { registerPingTool } from './ping.js';
import { registerResumeTaskTool } from './resume-task.js';
import { registerSubmitSubtaskResultTool } from './submit-subtask-result.js';
import type { ToolDeps } from './tool-deps.js';

/** The single list of tools, in the order clients see them. */
export const TOOL_REGISTRARS: ReadonlyArray<(server: McpServer, deps: ToolDeps) => void> = [
  registerPingTool,
  registerListCapabilitiesTool,
  registerGetSystemStatusTool,
  registerOrchestrateTaskTool,
  registerGetTaskTool,
  registerListTasksTool,
  registerCancelTaskTool,
  registerResumeTaskTool,
  registerGenerateArchitectureTool,
  registerAutoFixCodeTool,
  registerFindToolsTool,
  registerCallToolTool,
  registerSubmitSubtaskResultTool,
];

/** Registers every tool of {@link TOOL_REGISTRARS} on `server`. */
export function registerAllTools(server: McpServer, deps: ToolDeps): void {
  for (const register of TOOL_REGISTRARS) register(server, deps);
}

export type { ToolDeps, ServerIdentity } from './tool-deps.js';
