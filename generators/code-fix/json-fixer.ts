import { jsonrepair } from 'jsonrepair';
import type { Diagnostic } from '../../src/contracts/artifact.js';
import type { AppliedFix } from '../../src/contracts/code-fix.js';
import { parseErrorMessage } from './parse-error-message.js';
import { toLineColumn } from './positions.js';

/** The outcome of {@link fixJson}; diagnostics are JSON.parse errors (at most one each side). */
export interface JsonFixOutput {
  code: string;
  fixes: AppliedFix[];
  before: Diagnostic[];
  after: Diagnostic[];
}

/**
 * Parses `text` with JSON.parse and returns its error as a diagnostic with line/column, or `[]` when it
 * parses. The position comes from the engine's message (`at position N` or `(line L column C)`).
 */
export function jsonDiagnostics(text: string): Diagnostic[] {
  try {
    JSON.parse(text);
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const diagnostic: Diagnostic = { source: 'json', severity: 'error', message, code: 'JSON_PARSE' };
    const parsed = parseErrorMessage(message)[0];
    if (parsed?.line !== undefined) {
      Object.assign(diagnostic, { line: parsed.line, column: parsed.column ?? 1 });
    } else if (parsed?.position !== undefined) {
      Object.assign(diagnostic, toLineColumn(text, parsed.position));
    } else if (/end of (?:JSON )?input/i.test(message)) {
      Object.assign(diagnostic, toLineColumn(text, text.length));
    }
    return [diagnostic];
  }
}

/**
 * Removes what comment removal leaves behind: lines holding only spaces, and trailing spaces. Safe in JSON,
 * where a string can never span a line break.
 */
function tidy(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.length === 0 || line.trim() !== '')
    .map((line) => line.trimEnd())
    .join('\n');
}

/**
 * Repairs JSON with `jsonrepair` (trailing commas, comments, single quotes, unquoted keys, missing
 * brackets, ...) and verifies the result with JSON.parse. Keeps the input's trailing newline and drops the blank
 * lines removed comments leave.
 * Code that already parses is returned unchanged; code jsonrepair cannot repair is returned unchanged with
 * its parse error in `after`.
 */
export function fixJson(code: string): JsonFixOutput {
  const before = jsonDiagnostics(code);
  if (before.length === 0) return { code, fixes: [], before, after: [] };
  let repaired: string;
  try {
    repaired = jsonrepair(code);
  } catch {
    return { code, fixes: [], before, after: before };
  }
  repaired = tidy(repaired);
  if (code.endsWith('\n') && !repaired.endsWith('\n')) repaired += '\n';
  const after = jsonDiagnostics(repaired);
  if (after.length > 0) return { code, fixes: [], before, after: before };
  const fix: AppliedFix = {
    source: 'jsonrepair',
    fix_name: 'jsonrepair',
    description:
      'Repaired the JSON (comments, trailing commas, quotes, unquoted keys) and re-parsed it with JSON.parse.',
    diagnostic_code: 'JSON_PARSE',
  };
  return { code: repaired, fixes: [fix], before, after };
}
