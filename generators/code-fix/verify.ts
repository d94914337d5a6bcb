import { createTwoFilesPatch } from 'diff';
import type { Diagnostic } from '../../src/contracts/artifact.js';

/**
 * TypeScript codes that describe the environment, not the code: a module or type package that is not
 * installed where the fixer runs (TS2307, TS2792, TS7016, TS2688), or JSX runtime types that are missing
 * (TS2875, TS7026). They stay in the diagnostics but are never counted as introduced nor as errors a
 * fix-everything run must remove.
 */
export const ENVIRONMENT_CODES: ReadonlySet<string> = new Set([
  'TS2307',
  'TS2792',
  'TS7016',
  'TS2688',
  'TS2875',
  'TS7026',
]);

/** True for a finding about the environment ({@link ENVIRONMENT_CODES}). */
export function isEnvironmentFinding(diagnostic: Diagnostic): boolean {
  return diagnostic.code !== undefined && ENVIRONMENT_CODES.has(diagnostic.code);
}

/** True for an error a fix can be asked to remove: severity `error` and not an environment finding. */
export function isFixableError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error' && !isEnvironmentFinding(diagnostic);
}

/**
 * The identity of a diagnostic across edits: source, code and message, not position (a fix elsewhere in the
 * file moves positions but not the message).
 */
export function diagnosticKey(diagnostic: Diagnostic): string {
  return `${diagnostic.source}|${diagnostic.code ?? ''}|${diagnostic.message}`;
}

/**
 * Errors in `after` that `before` did not have, compared as multisets of {@link diagnosticKey}
 * (so a second copy of an existing error counts as new). Warnings and environment findings are ignored.
 */
export function introducedDiagnostics(before: readonly Diagnostic[], after: readonly Diagnostic[]): Diagnostic[] {
  const counts = new Map<string, number>();
  for (const d of before.filter(isFixableError)) counts.set(diagnosticKey(d), (counts.get(diagnosticKey(d)) ?? 0) + 1);
  const introduced: Diagnostic[] = [];
  for (const d of after.filter(isFixableError)) {
    const left = counts.get(diagnosticKey(d)) ?? 0;
    if (left > 0) counts.set(diagnosticKey(d), left - 1);
    else introduced.push(d);
  }
  return introduced;
}

/** The diagnostics of `after` whose key is one of `targetKeys`. */
export function remainingTargets(after: readonly Diagnostic[], targetKeys: ReadonlySet<string>): Diagnostic[] {
  return after.filter((d) => targetKeys.has(diagnosticKey(d)));
}

/**
 * A unified diff of `before` → `after` with `a/` and `b/` file names, or `''` when the texts are equal.
 */
export function createUnifiedDiff(fileName: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(`a/${fileName}`, `b/${fileName}`, before, after, undefined, undefined, { context: 3 });
}

/** `TS2304 at 3:5: Cannot find name 'x'` (first line, no final period) — for result messages. */
export function describeDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.line === undefined ? '' : ` at ${diagnostic.line}:${diagnostic.column ?? 1}`;
  const code = diagnostic.code ?? diagnostic.source;
  const text = (diagnostic.message.split('\n')[0] ?? '').replace(/\.$/, '');
  return `${code}${where}: ${text}`;
}

/** Up to `limit` descriptions joined with `; `, with a `(+N more)` tail. */
export function describeList(diagnostics: readonly Diagnostic[], limit = 3): string {
  const shown = diagnostics.slice(0, limit).map(describeDiagnostic).join('; ');
  return diagnostics.length > limit ? `${shown} (+${diagnostics.length - limit} more)` : shown;
}
