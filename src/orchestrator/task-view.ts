import { readFile } from 'node:fs/promises';
import type { ArtifactMeta, SubtaskRecord, TaskRecord, TaskStore } from '../contracts/task.js';
import type {
  TaskArtifactView,
  TaskInclude,
  TaskSubtaskView,
  TaskSummary,
  TaskView,
  TaskViewOptions,
} from '../contracts/task-view.js';
import { TASK_INCLUDES } from '../contracts/task-view.js';
import { sha256Of } from './task-records.js';
import { toTaskMarkdown, toTaskMermaid } from './task-report.js';

/** Cap on a view's JSON, characters: well under the 25,000 tokens clients accept (~60 KB of text). */
export const MAX_VIEW_CHARS = 48_000;
/** Cap on the inline artifact content of one view, bytes; the rest is referenced by path and resource URI. */
export const INLINE_BUDGET_BYTES = 24_000;
/** Default and largest artifact page. */
export const DEFAULT_ARTIFACT_LIMIT = 100;
export const MAX_ARTIFACT_LIMIT = 200;
/** Diagnostics listed per artifact; `diagnostics_omitted` counts the rest. */
export const MAX_DIAGNOSTICS_PER_ARTIFACT = 20;
/** Events a view lists (the newest). */
export const VIEW_EVENT_LIMIT = 50;
/** Longest request excerpt in a view, characters. */
const REQUEST_EXCERPT_CHARS = 500;

/** The `task://` URIs of a task and its parts. */
export const taskUri = (id: string): string => `task://${id}`;
export const artifactUri = (id: string, path: string): string =>
  `task://${id}/artifacts/${path.split('/').map(encodeURIComponent).join('/')}`;

/** What a view is built from. `inlineMaxBytes`: the largest single artifact inlined. */
export interface ViewInput {
  store: TaskStore;
  task: TaskRecord;
  subtasks: readonly SubtaskRecord[];
  inlineMaxBytes: number;
  runningElsewhere?: { pid: number; hostname: string };
}

function toSubtaskView(s: SubtaskRecord): TaskSubtaskView {
  return {
    id: s.id,
    agent: s.agent,
    status: s.status,
    duration_ms: s.duration_ms,
    ...(s.summary !== undefined ? { summary: s.summary } : {}),
    ...(s.error !== undefined ? { error: s.error } : {}),
    artifacts: [...s.artifacts],
    title: s.title,
    attempt: s.attempt,
    started_at: s.started_at,
    finished_at: s.finished_at,
  };
}

/** Reads an artifact's content when it fits both caps and still has the recorded content. */
async function readInline(meta: ArtifactMeta, maxBytes: number): Promise<{ content?: string; changed: boolean }> {
  const content = await readFile(meta.absolute_path, 'utf8').catch(() => undefined);
  if (content === undefined || (meta.sha256 !== '' && sha256Of(content) !== meta.sha256)) return { changed: true };
  return Buffer.byteLength(content) <= maxBytes ? { content, changed: false } : { changed: false };
}

async function toArtifactViews(
  taskId: string,
  metas: readonly ArtifactMeta[],
  inlineMaxBytes: number,
): Promise<TaskArtifactView[]> {
  let budget = INLINE_BUDGET_BYTES;
  const views: TaskArtifactView[] = [];
  for (const meta of metas) {
    const fits = meta.size_bytes <= inlineMaxBytes && meta.size_bytes <= budget;
    const inline = fits ? await readInline(meta, Math.min(inlineMaxBytes, budget)) : { changed: false };
    if (inline.content !== undefined) budget -= Buffer.byteLength(inline.content);
    const { diagnostics } = meta.verdict;
    const omitted = diagnostics.length - MAX_DIAGNOSTICS_PER_ARTIFACT;
    views.push({
      path: meta.path,
      absolute_path: meta.absolute_path,
      language: meta.language,
      kind: meta.kind,
      size_bytes: meta.size_bytes,
      produced_by: meta.produced_by,
      verdict: {
        status: meta.verdict.status,
        checks: [...meta.verdict.checks],
        diagnostics: diagnostics.slice(0, MAX_DIAGNOSTICS_PER_ARTIFACT),
      },
      ...(inline.content !== undefined ? { content: inline.content } : {}),
      truncated: inline.content === undefined,
      resource_uri: artifactUri(taskId, meta.path),
      ...(inline.changed ? { changed_on_disk: true } : {}),
      ...(omitted > 0 ? { diagnostics_omitted: omitted } : {}),
    });
  }
  return views;
}

/** The view's fields every include shares: identity, status, progress, times, request excerpt, graph. */
function toBaseView(input: ViewInput): TaskView {
  const { task, subtasks } = input;
  const text = task.request.task;
  return {
    task_id: task.id,
    status: task.status,
    progress: { ...task.progress },
    resource_uri: taskUri(task.id),
    created_at: task.created_at,
    updated_at: task.updated_at,
    finished_at: task.finished_at,
    attempts: task.attempts,
    request: { task: text.slice(0, REQUEST_EXCERPT_CHARS), truncated: text.length > REQUEST_EXCERPT_CHARS },
    ...(input.runningElsewhere ? { running_elsewhere: input.runningElsewhere } : {}),
    ...(task.summary !== null ? { summary: task.summary } : {}),
    workspace: task.workspace,
    mermaid: toTaskMermaid(task, subtasks),
    ...(task.duration_ms !== null ? { duration_ms: task.duration_ms } : {}),
  };
}

const size = (view: TaskView): number => JSON.stringify(view).length;

/**
 * Shrinks a view until its JSON fits {@link MAX_VIEW_CHARS}, dropping in order: the report, the events, inline
 * artifact content (largest first), then (when `dropPlan`, the last resort) the plan; `omitted` names what went.
 * The artifact page itself is shrunk by the caller ({@link buildTaskView}) since only the store issues its cursor.
 */
function fitView(view: TaskView, options: { dropPlan: boolean }): TaskView {
  const omitted = new Set(view.omitted ?? []);
  const fitted: TaskView = { ...view };
  const drop = (key: 'report' | 'events' | 'plan'): void => {
    if (fitted[key] === undefined) return;
    delete fitted[key];
    omitted.add(key);
  };
  if (size(fitted) > MAX_VIEW_CHARS) drop('report');
  if (size(fitted) > MAX_VIEW_CHARS) drop('events');
  if (size(fitted) > MAX_VIEW_CHARS && fitted.artifacts) {
    const artifacts = fitted.artifacts.map((a) => ({ ...a }));
    const byContent = [...artifacts].filter((a) => a.content !== undefined).sort((a, b) => b.size_bytes - a.size_bytes);
    fitted.artifacts = artifacts;
    for (const a of byContent) {
      if (size(fitted) <= MAX_VIEW_CHARS) break;
      delete a.content;
      a.truncated = true;
      omitted.add('artifact content');
    }
  }
  if (options.dropPlan && size(fitted) > MAX_VIEW_CHARS) drop('plan');
  return omitted.size > 0 ? { ...fitted, omitted: [...omitted] } : fitted;
}

/**
 * Builds what `get_task` returns. Includes (default: all) pick the parts; `report` and `artifacts` appear once the
 * task is no longer running. Artifacts come a page at a time (path order) with inline content within
 * {@link INLINE_BUDGET_BYTES}; the whole view stays under {@link MAX_VIEW_CHARS} (the artifact page is halved
 * until it fits, `next_artifact_cursor` continues from there).
 *
 * @throws InvalidInputError for a malformed artifact cursor.
 */
export async function buildTaskView(input: ViewInput, options: TaskViewOptions = {}): Promise<TaskView> {
  const include = new Set<TaskInclude>(options.include ?? TASK_INCLUDES);
  const { store, task } = input;
  const done = task.status !== 'running';
  const base = toBaseView(input);
  if (include.has('plan')) base.plan = task.plan;
  if (include.has('subtasks')) base.subtasks = input.subtasks.map(toSubtaskView);
  if (include.has('events')) base.events = await store.listEvents(task.id, VIEW_EVENT_LIMIT);
  if (done && include.has('report')) {
    const page = await store.listArtifacts(task.id, { limit: MAX_ARTIFACT_LIMIT });
    base.report = toTaskMarkdown({
      task,
      subtasks: input.subtasks,
      artifacts: page.artifacts,
      artifactsTotal: page.total,
    });
  }
  if (!(done && include.has('artifacts'))) return fitView(base, { dropPlan: true });
  let limit = Math.min(MAX_ARTIFACT_LIMIT, Math.max(1, options.artifactLimit ?? DEFAULT_ARTIFACT_LIMIT));
  for (;;) {
    const cursor = options.artifactCursor;
    const page = await store.listArtifacts(task.id, { limit, ...(cursor !== undefined ? { cursor } : {}) });
    const view = fitView(
      {
        ...base,
        artifacts: await toArtifactViews(task.id, page.artifacts, input.inlineMaxBytes),
        artifacts_total: page.total,
        next_artifact_cursor: page.next_cursor,
      },
      { dropPlan: limit === 1 },
    );
    if (size(view) <= MAX_VIEW_CHARS || limit === 1) return view;
    limit = Math.max(1, Math.floor(limit / 2));
  }
}

/** One line of `list_tasks`. */
export function toTaskSummary(task: TaskRecord): TaskSummary {
  return {
    task_id: task.id,
    status: task.status,
    title: task.request.task.replace(/\s+/g, ' ').trim().slice(0, 120),
    created_at: task.created_at,
    updated_at: task.updated_at,
    finished_at: task.finished_at,
    attempts: task.attempts,
    progress: { ...task.progress },
    resource_uri: taskUri(task.id),
  };
}
