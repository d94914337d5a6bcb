import type { Artifact, CheckName, Diagnostic } from '../../src/contracts/artifact.js';

export { CHECK_NAMES, type CheckName } from '../../src/contracts/artifact.js';

/** Diagnostics found by checks, per artifact path, and the names of the checks that ran on each. */
export interface CheckResults {
  diagnostics: Map<string, Diagnostic[]>;
  checks: Map<string, CheckName[]>;
}

/** Records that `check` ran on `artifact` and found `found` (possibly nothing). */
export function record(
  results: CheckResults,
  artifact: Artifact,
  check: CheckName,
  found: readonly Diagnostic[],
): void {
  const checks = results.checks.get(artifact.path) ?? [];
  if (!checks.includes(check)) checks.push(check);
  results.checks.set(artifact.path, checks);
  const diagnostics = results.diagnostics.get(artifact.path) ?? [];
  diagnostics.push(...found);
  results.diagnostics.set(artifact.path, diagnostics);
}

/**
 * Memoises an async loader: the first call starts `load`, later calls share its promise. A failed load is
 * forgotten so the next call retries. Used to import heavy libraries on first use, never at module load.
 */
export function createLazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/** Lets queued events (an abort among them) run between two synchronous phases of work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** 1-based line and column of a 0-based `offset` in `text`. */
export function toLineColumn(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: clamped - lineStart + 1 };
}

/** Builds an error diagnostic. */
export function error(source: Diagnostic['source'], message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { source, severity: 'error', message, ...extra };
}

/** Builds a warning diagnostic. */
export function warning(source: Diagnostic['source'], message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { source, severity: 'warning', message, ...extra };
}

/** A short text for an unknown thrown value. */
export function describeError(value: unknown): string {
  return value instanceof Error ? value.message : String(value);
}

/** A finding of a structural rule, placed by a key path into the parsed document. */
export interface StructureIssue {
  severity: Diagnostic['severity'];
  message: string;
  /** Where the finding is; for a missing key, the path of the mapping that lacks it. */
  path: ReadonlyArray<string | number>;
  code?: string;
}

/** Places structural findings with the document's `locate` (1-based line/column of the deepest existing node). */
export function toStructureDiagnostics(
  source: Diagnostic['source'],
  issues: readonly StructureIssue[],
  locate: (path: ReadonlyArray<string | number>) => { line: number; column: number } | undefined,
): Diagnostic[] {
  return issues.map(({ severity, message, path, code }) => ({
    source,
    severity,
    message,
    ...(code === undefined ? {} : { code }),
    ...locate(path),
  }));
}

/** `true` for a plain mapping (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
