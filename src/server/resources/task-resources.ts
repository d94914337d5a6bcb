import { ResourceNotFoundError, ResourceTemplate, type McpServer, type Variables } from '@modelcontextprotocol/server';
import type { TaskService } from '../../contracts/task-view.js';
import { isOrchestratorError } from '../../core/errors.js';

/** The static resource listing the newest tasks. */
export const RECENT_TASKS_URI = 'task://recent';
/** Tasks listed by `task://recent` and by `resources/list`. */
export const RECENT_TASKS_LIMIT = 50;

/** MIME types of artifact resources, by artifact language. */
const ARTIFACT_MIME: Readonly<Record<string, string>> = {
  typescript: 'text/x-typescript',
  tsx: 'text/x-typescript',
  javascript: 'text/javascript',
  json: 'application/json',
  yaml: 'application/yaml',
  markdown: 'text/markdown',
  dockerfile: 'text/x-dockerfile',
};

function variable(vars: Variables, name: string): string {
  const value = vars[name];
  return decodeURIComponent(Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
}

/** Runs a read; a task-level failure (unknown task, bad id, missing artifact) becomes "resource not found". */
async function read<T>(uri: URL, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isOrchestratorError(error)) {
      throw new ResourceNotFoundError(uri.href, `${error.message}${error.hint ? ` ${error.hint}` : ''}`);
    }
    throw error;
  }
}

function text(uri: URL, mimeType: string, body: string) {
  return { contents: [{ uri: uri.href, mimeType, text: body }] };
}

/**
 * Registers the task resources: `task://recent` (the newest tasks, JSON), `task://{id}` (the task as JSON, also
 * enumerated by `resources/list`), `task://{id}/report` (Markdown), `task://{id}/graph` (Mermaid) and
 * `task://{id}/artifacts/{+path}` (the artifact file, up to 1 MiB; `_meta.truncated` when cut).
 */
export function registerTaskResources(server: McpServer, tasks: TaskService): void {
  server.registerResource(
    'recent-tasks',
    RECENT_TASKS_URI,
    {
      title: 'Recent tasks',
      description: 'The newest tasks with status and progress (JSON).',
      mimeType: 'application/json',
    },
    async (uri) =>
      text(uri, 'application/json', JSON.stringify(await tasks.list({ limit: RECENT_TASKS_LIMIT }), null, 2)),
  );
  const listTasks = async () => ({
    resources: (await tasks.list({ limit: RECENT_TASKS_LIMIT })).tasks.map((t) => ({
      uri: t.resource_uri,
      name: `task-${t.task_id}`,
      title: t.title,
      description: `${t.status}: ${t.progress.message}`,
      mimeType: 'application/json',
    })),
  });
  server.registerResource(
    'task',
    new ResourceTemplate('task://{id}', { list: listTasks }),
    {
      title: 'Task',
      description: 'A task: status, plan, sub-tasks, events and artifact records (JSON).',
      mimeType: 'application/json',
    },
    (uri, vars) =>
      read(uri, async () =>
        text(uri, 'application/json', JSON.stringify(await tasks.view(variable(vars, 'id')), null, 2)),
      ),
  );
  server.registerResource(
    'task-report',
    new ResourceTemplate('task://{id}/report', { list: undefined }),
    { title: 'Task report', description: 'A task as a Markdown report.', mimeType: 'text/markdown' },
    (uri, vars) => read(uri, async () => text(uri, 'text/markdown', await tasks.report(variable(vars, 'id')))),
  );
  server.registerResource(
    'task-graph',
    new ResourceTemplate('task://{id}/graph', { list: undefined }),
    {
      title: 'Task graph',
      description: "A task's sub-task DAG with statuses (Mermaid).",
      mimeType: 'text/vnd.mermaid',
    },
    (uri, vars) => read(uri, async () => text(uri, 'text/vnd.mermaid', await tasks.graph(variable(vars, 'id')))),
  );
  server.registerResource(
    'task-artifact',
    new ResourceTemplate('task://{id}/artifacts/{+path}', { list: undefined }),
    { title: 'Task artifact', description: 'One artifact file of a task, as written to its workspace.' },
    (uri, vars) =>
      read(uri, async () => {
        const artifact = await tasks.readArtifact(variable(vars, 'id'), variable(vars, 'path'));
        const mimeType = ARTIFACT_MIME[artifact.meta.language] ?? 'text/plain';
        const meta = {
          size_bytes: artifact.meta.size_bytes,
          verdict: artifact.meta.verdict.status,
          truncated: artifact.truncated,
        };
        return { contents: [{ uri: uri.href, mimeType, text: artifact.text, _meta: meta }] };
      }),
  );
}
