import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { open } from 'lmdb';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTaskStore } from '../../../src/store/open-task-store.js';
import { sampleTaskChange } from '../../support/task-records.js';

const DIST = join(import.meta.dirname, '../../../dist');

/** A pino logger whose JSON lines land in `lines`. */
function captureLogger(): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, stream), lines };
}

describe('opening a damaged or foreign store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-store-recovery-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['random bytes', async (path: string) => writeFile(path, Buffer.alloc(20_000, 7))],
    [
      'a store cut short mid-file',
      async (path: string) => {
        const store = await openTaskStore({ dataDir: join(path, '..') });
        for (let i = 0; i < 300; i += 1) await store.write(sampleTaskChange({ artifactCount: 10 }));
        await store.close();
        await truncate(path, 12_000);
      },
    ],
  ])('moves %s aside (kept, not deleted), logs both paths and starts empty', async (_name, damage) => {
    const path = join(dir, 'tasks.mdb');
    await damage(path);
    const damagedBytes = await readFile(path);
    const { logger, lines } = captureLogger();
    const store = await openTaskStore({ dataDir: dir, logger });
    try {
      const info = store.info();
      expect(info).toMatchObject({ path, persistent: true, tasks: 0 });
      expect(info.recovered_from).toMatch(/tasks\.mdb\.corrupt-\d{4}-\d{2}-\d{2}T/);
      expect(await readFile(info.recovered_from ?? '')).toEqual(damagedBytes);
      const error = lines.find((l) => l.level === 50);
      expect(error).toMatchObject({ path, moved_to: info.recovered_from });
      const change = sampleTaskChange();
      await store.write(change);
      expect(await store.getTask(change.task.id)).toEqual(change.task);
    } finally {
      await store.close();
    }
  });

  it('leaves a store written by a newer layout untouched and runs on a temporary one', async () => {
    const path = join(dir, 'tasks.mdb');
    const env = open({ path, maxDbs: 12, noSubdir: true });
    env.openDB({ name: 'meta' }).putSync('schema', { version: 99 });
    await env.close();
    const before = await stat(path);
    const { logger, lines } = captureLogger();
    const store = await openTaskStore({ dataDir: dir, logger });
    const info = store.info();
    await store.close();
    expect(info.persistent).toBe(false);
    expect(info.path.startsWith(dir)).toBe(false);
    expect((await stat(path)).size).toBe(before.size);
    expect((await readdir(dir)).some((f) => f.includes('corrupt'))).toBe(false);
    expect(lines.some((l) => l.path === path && l.level === 50)).toBe(true);
    expect(existsSync(info.path)).toBe(false);
  });

  it('falls back to a temporary store when the data directory cannot be created', async () => {
    const blocked = join(dir, 'not-a-dir');
    await writeFile(blocked, 'a file where the data directory should be');
    const { logger, lines } = captureLogger();
    const store = await openTaskStore({ dataDir: join(blocked, 'data'), logger });
    try {
      expect(store.info().persistent).toBe(false);
      const change = sampleTaskChange();
      await store.write(change);
      expect((await store.getTask(change.task.id))?.id).toBe(change.task.id);
      expect(lines.some((l) => l.level === 50 && String(l.path).startsWith(blocked))).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('crash safety', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-store-crash-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every write a process reported as committed when that process is killed with SIGKILL', async () => {
    const storeModule = join(DIST, 'src/store/open-task-store.js');
    const recordsModule = join(DIST, 'tests/support/task-records.js');
    expect(existsSync(storeModule), 'run `npm run build` first (npm test does)').toBe(true);
    const source = `
      const { openTaskStore } = await import(${JSON.stringify(pathToFileURL(storeModule).href)});
      const { sampleTaskChange } = await import(${JSON.stringify(pathToFileURL(recordsModule).href)});
      const store = await openTaskStore({ dataDir: process.argv[1] });
      for (;;) {
        const change = sampleTaskChange({ artifactCount: 3 });
        await store.write(change);
        process.stdout.write(change.task.id + '\\n');
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', source, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported: string[] = [];
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stdout }).on('line', (id) => {
        reported.push(id);
        if (reported.length === 200) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    const exit = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_code, signal) => resolve(signal)),
    );
    expect(exit).toBe('SIGKILL');
    const store = await openTaskStore({ dataDir: dir });
    try {
      expect(store.info().recovered_from).toBeNull();
      for (const id of reported) {
        expect((await store.getTask(id))?.id).toBe(id);
        expect(await store.getSubtasks(id)).toHaveLength(5);
        expect((await store.listArtifacts(id, { limit: 10 })).total).toBe(3);
      }
    } finally {
      await store.close();
    }
  });
});
