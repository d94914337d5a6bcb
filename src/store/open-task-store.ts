import { mkdtempSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import envPaths from 'env-paths';
import type { TaskStore } from '../contracts/task.js';
import { CancelledError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { openLmdbHandle } from './lmdb-handle.js';
import { createLmdbTaskStore } from './lmdb-task-store.js';
import { STORE_FILE_NAME } from './task-store-layout.js';
import { probeStoreFile } from './task-store-probe.js';

/** The application name the default data directory is derived from. */
export const DATA_DIR_APP_NAME = 'multi-orchestrator-mcp';

/**
 * The data directory: `dataDir` when configured (`--data-dir`, `store.data_dir`), else the user's data directory
 * from `env-paths` without suffix (`~/.local/share/multi-orchestrator-mcp` on Linux, `~/Library/Application
 * Support/multi-orchestrator-mcp` on macOS, `%LOCALAPPDATA%\multi-orchestrator-mcp\Data` on Windows).
 */
export function resolveDataDir(dataDir: string | undefined): string {
  return dataDir ? resolve(dataDir) : envPaths(DATA_DIR_APP_NAME, { suffix: '' }).data;
}

/** Options of {@link openTaskStore}. */
export interface OpenTaskStoreOptions {
  /** Directory holding `tasks.mdb`; created when missing. */
  dataDir: string;
  logger?: Logger;
  signal?: AbortSignal;
}

/** The name a damaged store file is moved to: `<file>.corrupt-<ISO time with : and . as ->`. */
export function toCorruptName(path: string, now: Date): string {
  return `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
}

/** A store in a fresh temporary folder, removed on close: the fallback when the data directory cannot be used. */
export function openTemporaryStore(): TaskStore {
  const dir = mkdtempSync(join(tmpdir(), 'multi-orchestrator-tasks-'));
  const path = join(dir, STORE_FILE_NAME);
  return createLmdbTaskStore({
    handle: openLmdbHandle(path),
    path,
    persistent: false,
    recoveredFrom: null,
    onClosed: () => rm(dir, { recursive: true, force: true }),
  });
}

/**
 * Opens the task store at `<dataDir>/tasks.mdb` and never fails for a bad file:
 * - the file is first read through in a child process ({@link probeStoreFile}), since LMDB can crash the process
 *   on a damaged file;
 * - a damaged or unreadable file is renamed aside (`tasks.mdb.corrupt-<time>`, never deleted), an error naming both
 *   paths is logged, and an empty store is created in its place (`info().recovered_from` names the moved file);
 * - a store written by a newer layout is left untouched; so is a data directory that cannot be used at all: both
 *   get a temporary store (logged as an error, `info().persistent` false).
 *
 * @throws CancelledError when `signal` aborts.
 */
export async function openTaskStore(options: OpenTaskStoreOptions): Promise<TaskStore> {
  const path = join(options.dataDir, STORE_FILE_NAME);
  const logger = options.logger;
  try {
    await mkdir(options.dataDir, { recursive: true });
    const probe = await probeStoreFile(path, options.signal ? { signal: options.signal } : {});
    if (probe.status === 'newer') {
      logger?.error(
        { path },
        'task store was written by a newer version; using a temporary store, the file is untouched',
      );
      return openTemporaryStore();
    }
    let recoveredFrom: string | null = null;
    if (probe.status === 'unreadable') {
      recoveredFrom = toCorruptName(path, new Date());
      await rename(path, recoveredFrom);
      logger?.error(
        { path, moved_to: recoveredFrom, reason: probe.reason },
        'task store is unreadable: moved it aside and started with an empty store',
      );
    }
    return createLmdbTaskStore({ handle: openLmdbHandle(path), path, persistent: true, recoveredFrom });
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    logger?.error(
      { path, err: error },
      'task store cannot be opened; tasks are kept in a temporary store until restart',
    );
    return openTemporaryStore();
  }
}
