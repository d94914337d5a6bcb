import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Artifact } from '../../src/contracts/artifact.js';
import { throwIfAborted } from '../../src/core/signals.js';

/** One unit of an agent's work: produces zero or more artifacts. */
export type Step = () => Artifact[];

/**
 * Runs `steps` in order, yielding to the event loop before each one and checking `signal` after the yield,
 * so an abort raised while the agent runs stops it before the next step.
 *
 * @returns the artifacts of every step, in step order.
 * @throws CancelledError when `signal` is (or becomes) aborted.
 */
export async function runSteps(steps: readonly Step[], signal: AbortSignal | undefined): Promise<Artifact[]> {
  throwIfAborted(signal);
  const artifacts: Artifact[] = [];
  for (const step of steps) {
    await nextTurn();
    throwIfAborted(signal);
    artifacts.push(...step());
  }
  return artifacts;
}

/** True when an artifact with `path` is among `inputs`. */
export function hasInput(inputs: readonly Artifact[], path: string): boolean {
  return inputs.some((artifact) => artifact.path === path);
}

/** The last artifact with `path` among `inputs` (inputs are in plan order, so the latest version wins). */
export function findInput(inputs: readonly Artifact[], path: string): Artifact | undefined {
  return inputs.findLast((artifact) => artifact.path === path);
}

/** `1 file` / `3 files`. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${String(count)} ${count === 1 ? singular : plural}`;
}

/** Joins the notes of an agent into a trailing sentence, or returns '' when there are none. */
export function toNotesSentence(notes: readonly string[]): string {
  return notes.length === 0 ? '' : ` Notes: ${notes.join('; ')}.`;
}
