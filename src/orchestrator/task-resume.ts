import { readFile } from 'node:fs/promises';
import { ARTIFACT_KINDS, ARTIFACT_LANGUAGES, type ArtifactKind, type ArtifactLanguage } from '../contracts/artifact.js';
import type { CompletedSubtask, WrittenOutput } from '../contracts/run.js';
import type { SubtaskRecord, TaskRecord, TaskStore } from '../contracts/task.js';
import { throwIfAborted } from '../core/signals.js';
import { topologicalOrder } from './dag.js';
import { sha256Of, toSubtaskResult } from './task-records.js';

const isLanguage = (value: string): value is ArtifactLanguage =>
  (ARTIFACT_LANGUAGES as readonly string[]).includes(value);
const isKind = (value: string): value is ArtifactKind => (ARTIFACT_KINDS as readonly string[]).includes(value);

/**
 * Reads a succeeded sub-task's artifacts back from the workspace. Undefined when any is gone, was overwritten by
 * another sub-task, or no longer has the recorded SHA-256: the sub-task must run again.
 */
async function readOutputs(
  store: TaskStore,
  task: TaskRecord,
  record: SubtaskRecord,
): Promise<WrittenOutput[] | undefined> {
  const outputs: WrittenOutput[] = [];
  for (const path of record.artifacts) {
    const meta = await store.getArtifact(task.id, path);
    if (meta === undefined || meta.produced_by !== record.id) return undefined;
    const content = await readFile(meta.absolute_path, 'utf8').catch(() => undefined);
    if (content === undefined || sha256Of(content) !== meta.sha256) return undefined;
    outputs.push({
      artifact: {
        path: meta.path,
        language: isLanguage(meta.language) ? meta.language : 'text',
        kind: isKind(meta.kind) ? meta.kind : 'doc',
        content,
      },
      written: { path: meta.path, absolutePath: meta.absolute_path, sizeBytes: meta.size_bytes },
    });
  }
  return outputs;
}

/**
 * The sub-tasks a resume can keep: succeeded, all dependencies kept too (a dependency that runs again may change
 * its artifacts), and every artifact still on disk with its recorded content. In dependency order.
 *
 * @throws CancelledError when `signal` aborts.
 */
export async function loadCompletedSubtasks(
  store: TaskStore,
  task: TaskRecord,
  subtasks: readonly SubtaskRecord[],
  signal?: AbortSignal,
): Promise<CompletedSubtask[]> {
  const byId = new Map(subtasks.map((s) => [s.id, s]));
  const kept = new Set<string>();
  const completed: CompletedSubtask[] = [];
  for (const step of topologicalOrder(task.plan)) {
    throwIfAborted(signal);
    const record = byId.get(step.id);
    if (record?.status !== 'succeeded' || !step.depends_on.every((d) => kept.has(d))) continue;
    const outputs = await readOutputs(store, task, record);
    if (outputs === undefined) continue;
    kept.add(step.id);
    completed.push({ result: toSubtaskResult(record), outputs, checks: record.checks });
  }
  return completed;
}
