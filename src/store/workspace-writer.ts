import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep, win32 } from 'node:path';
import type { Artifact, ArtifactWriter, WrittenArtifact } from '../contracts/artifact.js';
import { InvalidInputError, WorkspaceEscapeError } from '../core/errors.js';
import { throwIfAborted } from '../core/signals.js';

/** `O_NOFOLLOW` where the platform has it: opening a symlink as the final component fails instead of following it. */
const OPEN_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);

/** True when `child` is `parent` or lies beneath it (both absolute, already resolved). */
function isWithin(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Lexical checks on an artifact path: relative, no `..` segment, no NUL byte, no drive or UNC prefix.
 * @returns the POSIX segments of the path (empty and `.` segments dropped).
 */
function toSegments(path: string, root: string): string[] {
  if (typeof path !== 'string' || path.trim().length === 0) throw new InvalidInputError('An artifact path is empty.');
  const segments = path.split(/[\\/]/);
  const absolute = path.startsWith('/') || path.startsWith('\\') || win32.isAbsolute(path) || /^[a-zA-Z]:/.test(path);
  if (path.includes('\0') || absolute || segments.includes('..')) throw new WorkspaceEscapeError(path, root);
  const kept = segments.filter((s) => s !== '' && s !== '.');
  if (kept.length === 0) throw new InvalidInputError(`The artifact path "${path}" names no file.`);
  return kept;
}

/**
 * The deepest existing ancestor of `target` (inclusive): its path as given and its real path, so links on the way
 * are resolved.
 */
async function deepestExisting(target: string): Promise<{ path: string; real: string }> {
  let current = target;
  for (;;) {
    try {
      return { path: current, real: await realpath(current) };
    } catch (error) {
      const parent = dirname(current);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) throw error;
      current = parent;
    }
  }
}

/**
 * Refuses `target` when its deepest existing ancestor resolves outside the root, or when a component on the way is
 * a dangling symlink (where it leads cannot be checked, and `mkdir` would fail on it with a raw ENOENT).
 */
async function assertInside(path: string, target: string, realRoot: string, root: string): Promise<void> {
  const existing = await deepestExisting(target);
  if (!isWithin(realRoot, existing.real)) throw new WorkspaceEscapeError(path, root);
  const next = relative(existing.path, target).split(sep)[0];
  if (next && (await lstat(join(existing.path, next)).catch(() => undefined))?.isSymbolicLink()) {
    throw new WorkspaceEscapeError(path, root);
  }
}

/** Refuses a symlink as the final component unless it resolves inside the root (a dangling link is refused). */
async function assertFileTarget(path: string, target: string, realRoot: string, root: string): Promise<void> {
  const stats = await lstat(target).catch(() => undefined);
  if (stats === undefined || !stats.isSymbolicLink()) return;
  const resolved = await realpath(target).catch(() => undefined);
  if (resolved === undefined || !isWithin(realRoot, resolved)) throw new WorkspaceEscapeError(path, root);
}

/**
 * Creates a writer that puts artifacts under `root` (created on first write). Every write is checked twice: the
 * path lexically (absolute paths, `..` segments, NUL bytes are refused) and on disk (the real path of the deepest
 * existing parent, and of an existing file that is a symlink, must stay under the real root), then written as
 * UTF-8 with `O_NOFOLLOW`. `sizeBytes` is `Buffer.byteLength(content, 'utf8')`.
 *
 * @param root - workspace directory; resolved against the process working directory when relative.
 * @throws (from `write`) WorkspaceEscapeError for a path that would leave the root; InvalidInputError for an empty
 *   path; CancelledError when `signal` aborts before writing.
 */
export function createWorkspaceWriter(root: string): ArtifactWriter {
  const absoluteRoot = resolve(root);
  return {
    root: absoluteRoot,
    async write(artifact: Artifact, options: { signal?: AbortSignal } = {}): Promise<WrittenArtifact> {
      throwIfAborted(options.signal);
      const segments = toSegments(artifact.path, absoluteRoot);
      await mkdir(absoluteRoot, { recursive: true });
      const realRoot = await realpath(absoluteRoot);
      const target = join(realRoot, ...segments);
      await assertInside(artifact.path, dirname(target), realRoot, absoluteRoot);
      await mkdir(dirname(target), { recursive: true });
      await assertInside(artifact.path, dirname(target), realRoot, absoluteRoot);
      await assertFileTarget(artifact.path, target, realRoot, absoluteRoot);
      throwIfAborted(options.signal);
      const handle = await open(target, OPEN_FLAGS, 0o644);
      try {
        await handle.writeFile(artifact.content, 'utf8');
      } finally {
        await handle.close();
      }
      return {
        path: segments.join('/'),
        absolutePath: join(absoluteRoot, ...segments),
        sizeBytes: Buffer.byteLength(artifact.content, 'utf8'),
      };
    },
  };
}
