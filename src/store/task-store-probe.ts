import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { throwIfAborted, toCancelledError } from '../core/signals.js';
import { DB_NAMES, SCHEMA_VERSION } from './task-store-layout.js';

/** How long the probe may take before the file counts as unreadable, ms (a 256 MB store reads in about a second). */
export const PROBE_TIMEOUT_MS = 30_000;

/** Exit codes of the probe child. */
const EXIT_NEWER_SCHEMA = 3;

/**
 * What the probe found: `absent` (no file or an empty one: a new store), `ok`, `newer` (written by a newer layout;
 * left alone), or `unreadable` with the reason (exit code or signal of the child, and its stderr's last line).
 */
export type ProbeResult = { status: 'absent' | 'ok' | 'newer' } | { status: 'unreadable'; reason: string };

/**
 * The probe program: opens the store read-only and decodes every entry of every database. Run in a child process
 * because LMDB reading a damaged file can kill the process (SIGSEGV on a non-LMDB file, SIGBUS on a truncated one),
 * which no try/catch survives.
 */
const PROBE_SOURCE = `
const [lmdbPath, storePath, dbNames, supported] = process.argv.slice(1);
const { open } = require(lmdbPath);
const env = open({ path: storePath, readOnly: true, maxDbs: 12 });
for (const name of JSON.parse(dbNames)) {
  const db = env.openDB({ name });
  if (!db) continue; // read-only: a database this file does not have yet
  for (const entry of db.getRange()) void entry.value;
}
const metaDb = env.openDB({ name: 'meta' });
const meta = metaDb ? metaDb.get('schema') : undefined;
process.exit(meta && meta.version > Number(supported) ? ${EXIT_NEWER_SCHEMA} : 0);
`;

/**
 * Checks a store file in a child process before this process maps it.
 *
 * @param path - the store file (`<data dir>/tasks.mdb`).
 * @throws CancelledError when `signal` aborts.
 */
export async function probeStoreFile(path: string, options: { signal?: AbortSignal } = {}): Promise<ProbeResult> {
  throwIfAborted(options.signal);
  if (!existsSync(path)) return { status: 'absent' };
  const stats = statSync(path);
  if (stats.isFile() && stats.size === 0) return { status: 'absent' };
  if (!stats.isFile()) return { status: 'unreadable', reason: 'not a regular file' };
  const lmdbPath = createRequire(import.meta.url).resolve('lmdb');
  const args = ['-e', PROBE_SOURCE, lmdbPath, path, JSON.stringify(DB_NAMES), String(SCHEMA_VERSION)];
  return new Promise<ProbeResult>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: PROBE_TIMEOUT_MS,
      windowsHide: true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2_000);
    });
    child.on('error', (error) => {
      if (options.signal?.aborted) reject(toCancelledError(options.signal));
      else resolve({ status: 'unreadable', reason: error.message });
    });
    child.on('close', (code, signal) => {
      if (options.signal?.aborted) return reject(toCancelledError(options.signal));
      if (code === 0) return resolve({ status: 'ok' });
      if (code === EXIT_NEWER_SCHEMA) return resolve({ status: 'newer' });
      const last = stderr.trim().split('\n').filter(Boolean).pop() ?? '';
      resolve({
        status: 'unreadable',
        reason: `${signal ? `killed by ${signal}` : `exit ${code}`}${last ? `: ${last}` : ''}`,
      });
    });
  });
}
