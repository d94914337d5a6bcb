import type { Artifact, ArtifactChecker, CheckVerdict } from '../../../../src/contracts/artifact.js';
import { throwIfAborted } from '../../../../src/core/signals.js';

/**
 * A hand-written ArtifactChecker: records every call, answers a verdict per path from `verdicts`, and leaves out
 * every path in `omit` (as a checker that cannot check a language would). Default verdict: passed by "fake".
 */
export class FakeChecker implements ArtifactChecker {
  readonly checks = ['fake'];
  readonly calls: Artifact[][] = [];
  readonly #verdicts: ReadonlyMap<string, CheckVerdict>;
  readonly #omit: ReadonlySet<string>;

  constructor(options: { verdicts?: ReadonlyMap<string, CheckVerdict>; omit?: Iterable<string> } = {}) {
    this.#verdicts = options.verdicts ?? new Map();
    this.#omit = new Set(options.omit ?? []);
  }

  check(artifacts: readonly Artifact[], options: { signal?: AbortSignal } = {}): Promise<Map<string, CheckVerdict>> {
    throwIfAborted(options.signal);
    this.calls.push([...artifacts]);
    const result = new Map<string, CheckVerdict>();
    for (const artifact of artifacts) {
      if (this.#omit.has(artifact.path)) continue;
      result.set(
        artifact.path,
        this.#verdicts.get(artifact.path) ?? { status: 'passed', checks: ['fake'], diagnostics: [] },
      );
    }
    return Promise.resolve(result);
  }
}
