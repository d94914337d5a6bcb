import { realpath } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, sep, win32 } from 'node:path';
import type { Artifact, ArtifactWriteOptions, ArtifactWriter, WrittenArtifact } from '../contracts/artifact.js';
import type { DownstreamCallResult, DownstreamPool, DownstreamTool } from '../contracts/downstream.js';
import { CancelledError, InvalidInputError, WorkspaceEscapeError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { throwIfAborted } from '../core/signals.js';
import { DownstreamError } from './errors.js';

/** Tools a server must offer to be used as the artifact store (the reference filesystem server has them all). */
export const FILESYSTEM_TOOLS = ['write_file', 'create_directory', 'list_allowed_directories'] as const;
/** Read-back tools, in preference order (`read_file` is deprecated in the reference server). */
const READ_TOOLS = ['read_text_file', 'read_file'] as const;

/** Options of {@link createRunWriter}. */
export interface RunWriterOptions {
  pool: DownstreamPool;
  /** The run folder the orchestrator created locally (also the fallback writer's root). */
  runRoot: string;
  /** The local workspace writer, used when no filesystem server can take a write. */
  fallback: ArtifactWriter;
  logger?: Logger;
  signal?: AbortSignal;
}

/** The filesystem server chosen for a run: its name, read tool and the run folder inside its allowed root. */
interface FsTarget {
  server: string;
  readTool: string;
  root: string;
}

/**
 * The ArtifactWriter of one run. When a downstream server offers the filesystem tools ({@link FILESYSTEM_TOOLS} and
 * a read tool) and allows the orchestrator, artifacts are written through it into its allowed root — the run folder
 * itself when it lies inside that root, else `<first allowed directory>/<run folder name>` — and each write is read
 * back and compared. A write goes to the local `fallback` instead when the agent whose artifact it is may not use
 * that server, or when the server fails (logged); a cancellation is never turned into a fallback.
 */
export async function createRunWriter(options: RunWriterOptions): Promise<ArtifactWriter> {
  const { pool, fallback, logger } = options;
  const orchestrator = pool.access('orchestrator');
  if (orchestrator.servers().length === 0) return fallback;
  let target: FsTarget | undefined;
  try {
    target = await findFilesystemTarget(pool, options.runRoot, options.signal);
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    logger?.warn({ err: error }, 'filesystem server unusable for this run; artifacts go to the local workspace');
  }
  if (target === undefined) return fallback;
  logger?.info({ server: target.server, root: target.root }, 'artifacts are written through the filesystem server');
  return createDownstreamWriter(pool, target, fallback, logger);
}

async function findFilesystemTarget(
  pool: DownstreamPool,
  runRoot: string,
  signal: AbortSignal | undefined,
): Promise<FsTarget | undefined> {
  const access = pool.access('orchestrator');
  const tools = await access.listTools(signal ? { signal } : {});
  const server = pickFilesystemServer(tools);
  if (server === undefined) return undefined;
  const readTool = READ_TOOLS.find((t) => tools.some((x) => x.server === server && x.name === t)) as string;
  const listed = await access.callTool(server, 'list_allowed_directories', {}, signal ? { signal } : {});
  const allowed = parseAllowedDirectories(textOf(listed));
  const first = allowed[0];
  if (first === undefined)
    throw new DownstreamError('downstream_failed', server, `Server "${server}" lists no allowed directory.`);
  const realRunRoot = await realpath(runRoot).catch(() => runRoot);
  const inside = allowed.some((dir) => isWithin(dir, realRunRoot));
  const root = inside ? realRunRoot : join(first, basename(runRoot));
  expectOk(await access.callTool(server, 'create_directory', { path: root }, signal ? { signal } : {}));
  return { server, readTool, root };
}

/** The first server (configuration order) offering {@link FILESYSTEM_TOOLS} and a read tool. */
export function pickFilesystemServer(tools: readonly DownstreamTool[]): string | undefined {
  const byServer = new Map<string, Set<string>>();
  for (const t of tools) byServer.set(t.server, (byServer.get(t.server) ?? new Set()).add(t.name));
  for (const [server, names] of byServer) {
    if (FILESYSTEM_TOOLS.every((t) => names.has(t)) && READ_TOOLS.some((t) => names.has(t))) return server;
  }
  return undefined;
}

/** Reads the absolute paths from `list_allowed_directories` text ("Allowed directories:\n/a\n/b"). */
export function parseAllowedDirectories(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => isAbsolute(l) || win32.isAbsolute(l));
}

function createDownstreamWriter(
  pool: DownstreamPool,
  target: FsTarget,
  fallback: ArtifactWriter,
  logger: Logger | undefined,
): ArtifactWriter {
  const createdDirs = new Set<string>([target.root]);
  return {
    root: target.root,
    async write(artifact: Artifact, options: ArtifactWriteOptions = {}): Promise<WrittenArtifact> {
      const segments = toSegments(artifact.path, target.root);
      throwIfAborted(options.signal);
      const access = pool.access(options.agent ?? 'orchestrator');
      if (!access.servers().includes(target.server)) return fallback.write(artifact, options);
      const absolutePath = join(target.root, ...segments);
      const call = (tool: string, args: Record<string, unknown>): Promise<DownstreamCallResult> =>
        access.callTool(target.server, tool, args, {
          fresh: true,
          ...(options.signal ? { signal: options.signal } : {}),
        });
      try {
        const dir = join(target.root, ...segments.slice(0, -1));
        if (!createdDirs.has(dir)) {
          expectOk(await call('create_directory', { path: dir }));
          createdDirs.add(dir);
        }
        expectOk(await call('write_file', { path: absolutePath, content: artifact.content }));
        const readBack = textOf(expectOk(await call(target.readTool, { path: absolutePath })));
        if (readBack !== artifact.content) {
          throw new DownstreamError(
            'downstream_failed',
            target.server,
            `Reading ${artifact.path} back gave different content.`,
          );
        }
        return { path: segments.join('/'), absolutePath, sizeBytes: Buffer.byteLength(artifact.content, 'utf8') };
      } catch (error) {
        if (error instanceof CancelledError || options.signal?.aborted) throw error;
        logger?.warn(
          { server: target.server, path: artifact.path, err: error },
          'downstream write failed; writing locally',
        );
        return fallback.write(artifact, options);
      }
    },
  };
}

function expectOk(result: DownstreamCallResult): DownstreamCallResult {
  if (result.isError) {
    throw new DownstreamError(
      'downstream_failed',
      result.server,
      `${result.tool} failed: ${textOf(result).slice(0, 300)}`,
    );
  }
  return result;
}

/** The concatenated text blocks of a result. */
export function textOf(result: DownstreamCallResult): string {
  return result.content
    .filter((c) => c.type === 'text' && typeof c.text === 'string')
    .map((c) => c.text as string)
    .join('\n');
}

/** Lexical checks (as the local writer): relative, no `..`, no NUL, no drive or UNC prefix. @returns the segments. */
function toSegments(path: string, root: string): string[] {
  if (typeof path !== 'string' || path.trim() === '') throw new InvalidInputError('An artifact path is empty.');
  const absolute = path.startsWith('/') || path.startsWith('\\') || win32.isAbsolute(path) || /^[a-zA-Z]:/.test(path);
  const segments = path.split(/[\\/]/);
  if (path.includes('\0') || absolute || segments.includes('..')) throw new WorkspaceEscapeError(path, root);
  const kept = segments.filter((s) => s !== '' && s !== '.');
  if (kept.length === 0) throw new InvalidInputError(`The artifact path "${path}" names no file.`);
  return kept;
}

function isWithin(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
