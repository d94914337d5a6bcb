import type { ArtifactCheck } from '../../src/contracts/agent.js';
import type { Artifact, ArtifactChecker, CheckVerdict } from '../../src/contracts/artifact.js';
import { countOf } from '../shared/steps.js';

const UNCHECKED: CheckVerdict = { status: 'unchecked', checks: [], diagnostics: [] };

/**
 * Keeps the checker honest: a missing verdict is `unchecked`; `passed` with no check run is `unchecked`;
 * `passed` with an error diagnostic is `failed`. A verdict is never upgraded.
 */
export function toHonestVerdict(verdict: CheckVerdict | undefined): CheckVerdict {
  if (verdict === undefined) return UNCHECKED;
  if (verdict.status !== 'passed') return verdict;
  if (verdict.checks.length === 0) return { ...verdict, status: 'unchecked' };
  if (verdict.diagnostics.some((diagnostic) => diagnostic.severity === 'error'))
    return { ...verdict, status: 'failed' };
  return verdict;
}

/** One artifact per path, the last version winning, in first-seen order. */
export function uniqueByPath(artifacts: readonly Artifact[]): Artifact[] {
  const byPath = new Map<string, Artifact>();
  for (const artifact of artifacts) byPath.set(artifact.path, artifact);
  return [...byPath.values()];
}

/**
 * Checks `artifacts` with the injected checker in one call and returns one {@link ArtifactCheck} per path.
 *
 * @throws CancelledError when `signal` aborts (from the checker).
 */
export async function checkArtifacts(
  checker: ArtifactChecker,
  artifacts: readonly Artifact[],
  signal: AbortSignal | undefined,
): Promise<ArtifactCheck[]> {
  const unique = uniqueByPath(artifacts);
  const verdicts = await checker.check(unique, signal === undefined ? {} : { signal });
  return unique.map((artifact) => ({ path: artifact.path, verdict: toHonestVerdict(verdicts.get(artifact.path)) }));
}

function firstError(check: ArtifactCheck): string {
  const diagnostic = check.verdict.diagnostics.find((d) => d.severity === 'error') ?? check.verdict.diagnostics[0];
  if (diagnostic === undefined) return check.path;
  const text = `${diagnostic.code === undefined ? '' : `${diagnostic.code} `}${diagnostic.message}`.replace(
    /\s+/g,
    ' ',
  );
  const line = diagnostic.line === undefined ? '' : `:${String(diagnostic.line)}`;
  return `${check.path}${line}: ${text.length > 100 ? `${text.slice(0, 97)}...` : text}`;
}

/** `checked 11 artifacts: 10 passed, 1 failed (Dockerfile:1: DL3006 ...), 0 unchecked`. */
export function summarizeChecks(checks: readonly ArtifactCheck[]): string {
  const by = (status: CheckVerdict['status']): ArtifactCheck[] =>
    checks.filter((check) => check.verdict.status === status);
  const failed = by('failed');
  const unchecked = by('unchecked');
  const shown = failed.slice(0, 3).map(firstError);
  const more = failed.length > shown.length ? `; and ${String(failed.length - shown.length)} more` : '';
  const failedText = failed.length === 0 ? '0 failed' : `${String(failed.length)} failed (${shown.join('; ')}${more})`;
  const uncheckedText =
    unchecked.length === 0
      ? '0 unchecked'
      : `${String(unchecked.length)} unchecked (${unchecked.map((c) => c.path).join(', ')})`;
  return `checked ${countOf(checks.length, 'artifact')}: ${String(by('passed').length)} passed, ${failedText}, ${uncheckedText}`;
}
