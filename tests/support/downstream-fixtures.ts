import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DownstreamPoolHandle } from '../../src/downstream/pool.js';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

/** The recording fixture server (tests/fixtures/downstream/recording-server.mjs). */
export const RECORDING_SERVER = join(here, '../fixtures/downstream/recording-server.mjs');
/** The SDK-free fixture server (tests/fixtures/downstream/tiny-server.mjs), quick to start. */
export const TINY_SERVER = join(here, '../fixtures/downstream/tiny-server.mjs');

/** Entry files of the reference servers installed as devDependencies. */
export const EVERYTHING_SERVER = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');
export const FILESYSTEM_SERVER = require.resolve('@modelcontextprotocol/server-filesystem/dist/index.js');
export const MEMORY_SERVER = require.resolve('@modelcontextprotocol/server-memory/dist/index.js');

/** A `mcpServers` entry running the recording server with `env` (FIXTURE_LOG, FIXTURE_ROOT, ...). */
export function recordingEntry(
  env: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { command: process.execPath, args: [RECORDING_SERVER], env, ...extra };
}

/** One line of the recording server's log. */
export interface RecordedEvent {
  event: string;
  tool?: string;
  id?: number;
  pid: number;
  [key: string]: unknown;
}

/** Reads the recording server's JSON-lines log (empty when it does not exist yet). */
export async function readRecorded(path: string): Promise<RecordedEvent[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as RecordedEvent);
}

/** Resolves when `server` reaches `state` (checked first, then on each `state` event). */
export function waitForState(pool: DownstreamPoolHandle, server: string, state: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (e: { server: string; state: string }): void => {
      if (e.server === server && e.state === state) {
        pool.events.off('state', listener);
        resolve();
      }
    };
    pool.events.on('state', listener);
  });
}

/** Resolves when `server`'s breaker reaches `state`. */
export function waitForBreaker(pool: DownstreamPoolHandle, server: string, state: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (e: { server: string; state: string }): void => {
      if (e.server === server && e.state === state) {
        pool.events.off('breaker', listener);
        resolve();
      }
    };
    pool.events.on('breaker', listener);
  });
}
