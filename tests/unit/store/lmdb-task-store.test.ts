import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskStore } from '../../../src/contracts/task.js';
import { InvalidInputError } from '../../../src/core/errors.js';
import { openTaskStore } from '../../../src/store/open-task-store.js';
import { sampleTaskChange } from '../../support/task-records.js';

const DAY_MS = 86_400_000;

describe('LMDB task store — reads and writes', () => {
  let dir: string;
  let store: TaskStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-store-'));
    store = await openTaskStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('commits a task with its sub-tasks, artifacts and events, and reads them back after reopening', async () => {
    const change = sampleTaskChange({ artifactCount: 3 });
    await store.write(change);
    await store.close();
    store = await openTaskStore({ dataDir: dir });
    expect(store.info()).toMatchObject({
      path: join(dir, 'tasks.mdb'),
      persistent: true,
      recovered_from: null,
      tasks: 1,
    });
    expect(await store.getTask(change.task.id)).toEqual(change.task);
    expect((await store.getSubtasks(change.task.id)).map((s) => s.id)).toEqual(
      change.task.plan.subtasks.map((s) => s.id),
    );
    expect(await store.getArtifact(change.task.id, 'src/file-0001.ts')).toEqual(change.artifacts?.[1]);
    expect(await store.listEvents(change.task.id, 10)).toEqual(change.events);
    expect(await store.getTask(randomUUID())).toBeUndefined();
    expect(await store.getSubtasks(randomUUID())).toEqual([]);
  });

  it('pages artifacts in path order with a total, and replaces the set on request', async () => {
    const change = sampleTaskChange({ artifactCount: 7 });
    await store.write(change);
    const first = await store.listArtifacts(change.task.id, { limit: 3 });
    expect(first.total).toBe(7);
    expect(first.artifacts.map((a) => a.path)).toEqual(['src/file-0000.ts', 'src/file-0001.ts', 'src/file-0002.ts']);
    const second = await store.listArtifacts(change.task.id, { limit: 3, cursor: first.next_cursor ?? '' });
    const third = await store.listArtifacts(change.task.id, { limit: 3, cursor: second.next_cursor ?? '' });
    expect(third.artifacts.map((a) => a.path)).toEqual(['src/file-0006.ts']);
    expect(third.next_cursor).toBeNull();
    await store.write({ task: change.task, artifacts: change.artifacts?.slice(0, 2) ?? [], replaceArtifacts: true });
    expect((await store.listArtifacts(change.task.id, { limit: 50 })).total).toBe(2);
  });

  it('keeps events in time order and returns the newest ones when limited', async () => {
    const change = sampleTaskChange();
    const base = Date.parse(change.task.created_at);
    const events = Array.from({ length: 12 }, (_, i) => ({
      at: new Date(base + i).toISOString(),
      type: 'subtask:finished' as const,
      subtask_id: `s${i}`,
      message: `event ${i}`,
    }));
    await store.write({ ...change, events });
    const last = await store.listEvents(change.task.id, 5);
    expect(last.map((e) => e.message)).toEqual(['event 7', 'event 8', 'event 9', 'event 10', 'event 11']);
  });

  it('serialises concurrent read-modify-write updates (none is lost)', async () => {
    const change = sampleTaskChange();
    await store.write(change);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        store.update(change.task.id, ({ task }) => ({ task: { ...task, attempts: task.attempts + 1 } })),
      ),
    );
    expect((await store.getTask(change.task.id))?.attempts).toBe(21);
    expect(await store.update(randomUUID(), () => undefined)).toBeUndefined();
    const untouched = await store.update(change.task.id, () => undefined);
    expect(untouched?.attempts).toBe(21);
  });

  it.each(['not base64!', 'eyJ4IjoxfQ', Buffer.from('[1]').toString('base64url')])(
    'refuses the malformed cursor %j with a hint',
    async (cursor) => {
      await expect(store.listTasks({ limit: 5, cursor })).rejects.toBeInstanceOf(InvalidInputError);
      await expect(store.listArtifacts(randomUUID(), { limit: 5, cursor })).rejects.toThrow(/cursor/);
    },
  );

  it('lists 10,000 tasks newest first in pages, each exactly once, and filters by status', async () => {
    const start = Date.UTC(2026, 0, 1);
    const changes = Array.from({ length: 10_000 }, (_, i) =>
      sampleTaskChange({
        createdMs: start + i * 1_000,
        status: i % 100 === 0 ? 'failed' : 'succeeded',
        artifactCount: 1,
      }),
    );
    for (let i = 0; i < changes.length; i += 1_000)
      await Promise.all(changes.slice(i, i + 1_000).map((c) => store.write(c)));
    expect(store.info().tasks).toBe(10_000);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listTasks({ limit: 200, ...(cursor ? { cursor } : {}) });
      seen.push(...page.tasks.map((t) => t.id));
      cursor = page.next_cursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(50);
    expect(seen).toEqual(changes.map((c) => c.task.id).reverse());
    const failed = await store.listTasks({ status: 'failed', limit: 200 });
    expect(failed.tasks).toHaveLength(100);
    expect(failed.tasks.every((t) => t.status === 'failed')).toBe(true);
    expect(failed.next_cursor).toBeNull();
  });
});

describe('LMDB task store — retention', () => {
  let dir: string;
  let store: TaskStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-store-prune-'));
    store = await openTaskStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('deletes finished tasks past the retention age with all their records, and never a running one', async () => {
    const now = Date.UTC(2026, 5, 1);
    const old = sampleTaskChange({ createdMs: now - 40 * DAY_MS });
    const oldRunning = sampleTaskChange({ createdMs: now - 40 * DAY_MS, status: 'running' });
    const recent = sampleTaskChange({ createdMs: now - 2 * DAY_MS });
    for (const change of [old, oldRunning, recent]) await store.write(change);
    const result = await store.prune({ maxAgeMs: 30 * DAY_MS, maxBytes: 1e12, nowMs: now });
    expect(result.deleted).toBe(1);
    expect(await store.getTask(old.task.id)).toBeUndefined();
    expect(await store.getSubtasks(old.task.id)).toEqual([]);
    expect((await store.listArtifacts(old.task.id, { limit: 10 })).total).toBe(0);
    expect(await store.listEvents(old.task.id, 10)).toEqual([]);
    expect(await store.getTask(oldRunning.task.id)).toBeDefined();
    expect(await store.getTask(recent.task.id)).toBeDefined();
  });

  it('deletes the oldest finished tasks until the live pages fit the size cap', async () => {
    const start = Date.UTC(2026, 0, 1);
    const changes = Array.from({ length: 600 }, (_, i) =>
      sampleTaskChange({ createdMs: start + i * 1_000, artifactCount: 20, status: i === 0 ? 'running' : 'succeeded' }),
    );
    await Promise.all(changes.map((c) => store.write(c)));
    const before = store.info().used_bytes;
    const maxBytes = Math.floor(before / 3);
    const result = await store.prune({ maxAgeMs: 3_650 * DAY_MS, maxBytes, nowMs: start });
    expect(result.used_bytes).toBeLessThanOrEqual(maxBytes);
    expect(result.deleted).toBeGreaterThan(0);
    expect(store.info().tasks).toBe(600 - result.deleted);
    expect(await store.getTask(changes[0]?.task.id ?? '')).toBeDefined();
    const newest = changes.at(-1)?.task.id ?? '';
    expect(await store.getTask(newest)).toBeDefined();
    expect(await store.getTask(changes[1]?.task.id ?? '')).toBeUndefined();
  });
});
