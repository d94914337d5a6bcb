import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskStore } from '../../../src/contracts/task.js';
import { openTaskStore } from '../../../src/store/open-task-store.js';
import { startStorePruner } from '../../../src/store/store-pruner.js';
import { sampleTaskChange } from '../../support/task-records.js';

const DAY_MS = 86_400_000;

describe('startStorePruner', () => {
  let dir: string;
  let store: TaskStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-pruner-'));
    store = await openTaskStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prunes tasks past the retention period in a pass, and runs no pass once stopped', async () => {
    const old = sampleTaskChange({ createdMs: Date.now() - 3 * DAY_MS });
    const fresh = sampleTaskChange();
    await store.write(old);
    await store.write(fresh);
    const pruner = startStorePruner({
      store: Promise.resolve(store),
      retentionDays: 2,
      maxBytes: 1e12,
      firstDelayMs: 3_600_000,
    });
    const result = await pruner.runOnce();
    expect(result?.deleted).toBe(1);
    expect(await store.getTask(old.task.id)).toBeUndefined();
    expect(await store.getTask(fresh.task.id)).toBeDefined();
    await pruner.stop();
    expect(await pruner.runOnce()).toBeUndefined();
  });
});
