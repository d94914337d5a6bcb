import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import type { TaskRecord, TaskStore } from '../contracts/task.js';
import type { ArtifactContent } from '../contracts/task-view.js';
import { OrchestratorError, WorkspaceEscapeError } from '../core/errors.js';
import { ArtifactNotFoundError } from './task-errors.js';

/** Default cap on an artifact read through a resource, bytes (1 MiB). */
export const DEFAULT_ARTIFACT_READ_MAX_BYTES = 1_048_576;

function isWithin(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Reads one artifact of a task from its workspace file, up to `maxBytes` (the rest is cut, `truncated: true`).
 * The file's real path must still lie inside the task's workspace: a link put there later cannot expose another file.
 *
 * @throws ArtifactNotFoundError when the task recorded no artifact at `path`.
 * @throws WorkspaceEscapeError when the file now resolves outside the workspace.
 * @throws OrchestratorError `artifact_unreadable` when the file is gone or unreadable.
 */
export async function readTaskArtifact(
  store: TaskStore,
  task: TaskRecord,
  path: string,
  maxBytes = DEFAULT_ARTIFACT_READ_MAX_BYTES,
): Promise<ArtifactContent> {
  const meta = await store.getArtifact(task.id, path);
  if (meta === undefined) throw new ArtifactNotFoundError(task.id, path);
  let file: string;
  let root: string;
  try {
    [root, file] = await Promise.all([realpath(task.workspace), realpath(meta.absolute_path)]);
  } catch (error) {
    throw new OrchestratorError(
      'artifact_unreadable',
      `The file of artifact "${path}" cannot be read: ${(error as Error).message}`,
      {
        cause: error,
        data: { task_id: task.id, path, absolute_path: meta.absolute_path },
        hint: 'The workspace may have been moved or cleaned; resume_task re-creates missing artifacts.',
      },
    );
  }
  if (!isWithin(root, file)) throw new WorkspaceEscapeError(path, task.workspace);
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(size, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { meta, text: buffer.toString('utf8', 0, bytesRead), truncated: size > maxBytes };
  } finally {
    await handle.close();
  }
}
