import { open, type Database, type RootDatabase } from 'lmdb';
import { DB_NAMES, SCHEMA_VERSION, type DbName } from './task-store-layout.js';

/** An open LMDB environment with the task store's named databases. */
export interface LmdbHandle {
  root: RootDatabase;
  dbs: Readonly<Record<DbName, Database>>;
}

/** What LMDB's `getStats()` reports for one database (the fields the size cap reads). */
interface DbStats {
  pageSize: number;
  treeBranchPageCount: number;
  treeLeafPageCount: number;
  overflowPages: number;
  entryCount: number;
}

/**
 * Opens (creating when absent) the environment at `path` — a file, LMDB adds `<path>-lock` — with the store's
 * databases, and records the layout version in a new store. Only call it on a file the probe accepted: LMDB maps
 * the file and a damaged one can kill the process.
 */
export function openLmdbHandle(path: string): LmdbHandle {
  const root = open({ path, maxDbs: 12, noSubdir: true });
  try {
    const dbs = Object.fromEntries(DB_NAMES.map((name) => [name, root.openDB({ name })])) as Record<DbName, Database>;
    if (dbs.meta.get('schema') === undefined) dbs.meta.putSync('schema', { version: SCHEMA_VERSION });
    return { root, dbs };
  } catch (error) {
    void root.close();
    throw error;
  }
}

/** Bytes held by the live pages of every database (branch, leaf and overflow pages × page size). */
export function usedBytes(handle: LmdbHandle): number {
  let pages = 0;
  let pageSize = 4_096;
  for (const db of Object.values(handle.dbs)) {
    const stats = db.getStats() as DbStats;
    pageSize = stats.pageSize;
    pages += stats.treeBranchPageCount + stats.treeLeafPageCount + stats.overflowPages;
  }
  return pages * pageSize;
}

/** Number of entries in one database, from LMDB's statistics (no scan). */
export function entryCount(db: Database): number {
  return (db.getStats() as DbStats).entryCount;
}
