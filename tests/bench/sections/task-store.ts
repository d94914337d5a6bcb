import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskStore } from '../../../src/contracts/task.js';
import { openTaskStore } from '../../../src/store/open-task-store.js';
import { sampleTaskChange } from '../../support/task-records.js';
import { below } from '../report.js';
import { RawRpcClient } from '../rpc-client.js';
import { round, toPercentiles } from '../stats.js';
import type { Section, SectionContext } from './section.js';

/** Tasks in the store while reads are timed (issue: 10,000). */
const STORED_TASKS = 10_000;
/** Timed sequential committed writes, and untimed warm-ups before each timed loop. */
const TIMED_WRITES = 1_000;
const WARMUP = 50;
/** Timed store reads and `get_task` calls. */
const TIMED_READS = 5_000;
const TIMED_CALLS = 1_000;
/** Budget (issue #4): `get_task` p50 under 2 ms with 10,000 stored tasks. */
const GET_TASK_P50_MAX_MS = 2;
const CLOSE_GRACE_MS = 2_000;

const elapsedMs = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

/** Times `count` awaited calls of `work(i)` after {@link WARMUP} untimed ones; ms per call. */
async function timed(count: number, work: (i: number) => Promise<unknown>, ctx: SectionContext): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await work(i);
  const samples: number[] = [];
  for (let i = 0; i < count && (i < count / 5 || ctx.timeLeftMs() > 0); i++) {
    const t0 = process.hrtime.bigint();
    await work(i);
    samples.push(elapsedMs(t0));
  }
  return samples;
}

/** Committed writes (one task with 5 sub-tasks, 5 artifact records and an event each), then fills to 10,000. */
async function measureWrites(store: TaskStore, ctx: SectionContext): Promise<string[]> {
  const ids: string[] = [];
  const writes = await timed(
    TIMED_WRITES,
    async () => {
      const change = sampleTaskChange();
      ids.push(change.task.id);
      await store.write(change);
    },
    ctx,
  );
  const p = toPercentiles(writes);
  const note = `${p.count} sequential commits (task + 5 sub-tasks + 5 artifacts + 1 event), each awaited`;
  ctx.emit({ metric: 'store_write_p50', value: round(p.p50, 2), unit: 'ms', note });
  ctx.emit({ metric: 'store_write_p95', value: round(p.p95, 2), unit: 'ms', note });
  while (ids.length < STORED_TASKS) {
    const batch = Array.from({ length: Math.min(1_000, STORED_TASKS - ids.length) }, () => sampleTaskChange());
    await Promise.all(batch.map((c) => store.write(c)));
    ids.push(...batch.map((c) => c.task.id));
  }
  return ids;
}

async function measureReads(store: TaskStore, ids: readonly string[], ctx: SectionContext): Promise<void> {
  const pick = (i: number): string => ids[(i * 7_919) % ids.length] ?? '';
  const reads = await timed(TIMED_READS, (i) => store.getTask(pick(i)), ctx);
  const p = toPercentiles(reads.map((ms) => ms * 1_000));
  const note = `getTask of random ids among ${store.info().tasks} stored tasks`;
  ctx.emit({ metric: 'store_read_p50', value: round(p.p50, 1), unit: 'µs', note });
  ctx.emit({ metric: 'store_read_p95', value: round(p.p95, 1), unit: 'µs', note });
  const pages = await timed(TIMED_READS / 5, () => store.listTasks({ limit: 20 }), ctx);
  const l = toPercentiles(pages.map((ms) => ms * 1_000));
  ctx.emit({ metric: 'store_list_page_p50', value: round(l.p50, 1), unit: 'µs', note: 'listTasks newest 20' });
}

/** `get_task` over stdio against the built server on the 10,000-task data directory. */
async function measureGetTask(
  cli: string,
  dataDir: string,
  ids: readonly string[],
  ctx: SectionContext,
): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), 'moc-bench-tasks-ws-'));
  const args = [cli, '--data-dir', dataDir, '--workspace', workspace, '--log-level', 'warn'];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const client = new RawRpcClient('ours', child);
  try {
    await client.initialize();
    const pick = (i: number): string => ids[(i * 104_729) % ids.length] ?? '';
    const calls = await timed(TIMED_CALLS, (i) => client.callTool('get_task', { task_id: pick(i) }), ctx);
    const p = toPercentiles(calls);
    const note = `${p.count} sequential get_task calls (all parts) on random ids, ${ids.length} tasks stored, stdio round trip`;
    ctx.emit({
      metric: 'get_task_p50',
      value: round(p.p50, 2),
      unit: 'ms',
      note,
      ...below(p.p50, GET_TASK_P50_MAX_MS),
    });
    ctx.emit({ metric: 'get_task_p95', value: round(p.p95, 2), unit: 'ms', note });
    const lists = await timed(TIMED_CALLS / 5, () => client.callTool('list_tasks', { limit: 20 }), ctx);
    ctx.emit({ metric: 'list_tasks_p50', value: round(toPercentiles(lists).p50, 2), unit: 'ms', note: 'newest 20' });
  } finally {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
    await exited;
    clearTimeout(timer);
    rmSync(workspace, { recursive: true, force: true });
  }
}

/**
 * The task store (issue #4): committed write latency and read latency of the LMDB store in this process, then
 * `get_task` and `list_tasks` over stdio against the built server holding 10,000 tasks. Everything runs in a fresh
 * temporary data directory, deleted at the end.
 */
export const taskStoreSection: Section = {
  name: 'task-store',
  timeLimitMs: 120_000,
  expected: [{ metric: 'get_task_p50', unit: 'ms', budget: `< ${GET_TASK_P50_MAX_MS}` }],
  async run(ctx) {
    if (!existsSync(ctx.paths.cli)) throw new Error(`${ctx.paths.cli} is missing: run \`npm run build\` first`);
    const dataDir = mkdtempSync(join(tmpdir(), 'moc-bench-tasks-'));
    try {
      const store = await openTaskStore({ dataDir });
      let ids: string[];
      try {
        ids = await measureWrites(store, ctx);
        ctx.log(`task-store: ${store.info().tasks} tasks stored, ${store.info().used_bytes} B of live pages`);
        await measureReads(store, ids, ctx);
      } finally {
        await store.close();
      }
      await measureGetTask(ctx.paths.cli, dataDir, ids, ctx);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
