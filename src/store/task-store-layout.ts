import { InvalidInputError } from '../core/errors.js';

/**
 * The on-disk layout of the task store: one LMDB environment file with named databases.
 * - `tasks`: task id → TaskRecord
 * - `by_time`: [created ms, task id] → status (newest-first listing and status filter without decoding records)
 * - `subtasks`: [task id, plan index] → SubtaskRecord
 * - `artifacts`: [task id, path] → ArtifactMeta
 * - `events`: [task id, at ms, counter, writer tag] → TaskEvent
 * - `meta`: `schema` → { version }
 */
export const DB_NAMES = ['tasks', 'by_time', 'subtasks', 'artifacts', 'events', 'meta'] as const;
export type DbName = (typeof DB_NAMES)[number];

/** The layout version this build writes; a store with a higher one is left alone (a newer server made it). */
export const SCHEMA_VERSION = 1;

/** The store's file name inside the data directory (LMDB adds `<name>-lock` beside it). */
export const STORE_FILE_NAME = 'tasks.mdb';

/** A character above every character of a task id or path, closing a key range on one task. */
const RANGE_END = '\uffff';

/** Key of a task in `by_time`. */
export type TimeKey = [number, string];

/** The key range holding every entry of one task in `subtasks`, `artifacts` or `events`. */
export function taskRange(taskId: string): { start: [string]; end: [string] } {
  return { start: [taskId], end: [`${taskId}${RANGE_END}`] };
}

/** Milliseconds since the epoch of an ISO time, for ordering keys. */
export function toTimeMs(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
}

/** The opaque cursor of a `by_time` key: base64url of `[ms, id]`. */
export function encodeTaskCursor(key: TimeKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The opaque cursor of an artifact path. */
export function encodePathCursor(path: string): string {
  return Buffer.from(JSON.stringify(['a', path]), 'utf8').toString('base64url');
}

function invalidCursor(cursor: string, what: string): InvalidInputError {
  return new InvalidInputError(`The ${what} cursor "${cursor.slice(0, 80)}" is not valid.`, {
    hint: `Pass the ${what} cursor exactly as the previous page returned it, or omit it to start from the first page.`,
  });
}

function decodeJson(cursor: string, what: string): unknown {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw invalidCursor(cursor, what);
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor(cursor, what);
  }
}

/**
 * Reads a cursor made by {@link encodeTaskCursor}.
 * @throws InvalidInputError for anything else.
 */
export function decodeTaskCursor(cursor: string): TimeKey {
  const value = decodeJson(cursor, 'task list');
  if (Array.isArray(value) && value.length === 2 && Number.isFinite(value[0]) && typeof value[1] === 'string') {
    return [value[0] as number, value[1]];
  }
  throw invalidCursor(cursor, 'task list');
}

/**
 * Reads a cursor made by {@link encodePathCursor}.
 * @throws InvalidInputError for anything else.
 */
export function decodePathCursor(cursor: string): string {
  const value = decodeJson(cursor, 'artifact');
  if (Array.isArray(value) && value.length === 2 && value[0] === 'a' && typeof value[1] === 'string') return value[1];
  throw invalidCursor(cursor, 'artifact');
}
