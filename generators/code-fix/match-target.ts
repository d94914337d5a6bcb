import type { Diagnostic } from '../../src/contracts/artifact.js';
import type { ParsedError } from './parse-error-message.js';

/** The result of matching reported errors against the checker's own diagnostics. */
export interface TargetMatch {
  /** Diagnostics of the code that the reported errors point at (deduplicated, in diagnostic order). */
  matched: Diagnostic[];
  /** Reported errors no diagnostic corresponds to (the checker does not reproduce them). */
  unmatched: ParsedError[];
}

const TS_CODE = /^TS\d+$/;

/** Names quoted in a message (`'foo'`, `"foo"`, `` `foo` ``), or the subject of Node's `foo is not defined`. */
function mentionedNames(message: string): string[] {
  const quoted = [...message.matchAll(/['"`]([A-Za-z_$][\w$.]*)['"`]/g)].map((m) => m[1] ?? '');
  const subject = /^([A-Za-z_$][\w$.]*) is not (?:defined|a function|a constructor|iterable)/.exec(message)?.[1];
  const names = subject === undefined ? quoted : [subject, ...quoted];
  return names.filter((n) => n !== '').flatMap((n) => [n, ...n.split('.').slice(-1)]);
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').trim();
}

function atLine(diagnostics: readonly Diagnostic[], target: ParsedError): Diagnostic[] {
  if (target.line === undefined) return [];
  const onLine = diagnostics.filter((d) => d.line === target.line);
  const exact = target.column === undefined ? [] : onLine.filter((d) => d.column === target.column);
  return exact.length > 0 ? exact : onLine;
}

/**
 * The diagnostics one reported error points at, trying in order:
 * 1. a TypeScript code (`TS2304`) with a position: same code on the same line (same column preferred);
 * 2. that code with the same message text, wherever it now is (the file may have moved since);
 * 3. that code alone, when exactly one diagnostic has it;
 * 4. no TypeScript code but a position (Node stack traces, other tools): the diagnostics on that line,
 *    narrowed to those mentioning the same name when the message names one;
 * 5. the same message text, or a diagnostic mentioning a name the message quotes.
 */
export function matchOne(target: ParsedError, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const sameText = (d: Diagnostic): boolean => firstLine(d.message) === firstLine(target.message);
  const code = target.code !== undefined && TS_CODE.test(target.code) ? target.code : undefined;
  if (code !== undefined) {
    const withCode = diagnostics.filter((d) => d.code === code);
    const positioned = atLine(withCode, target);
    if (positioned.length > 0) return positioned;
    const byText = withCode.filter(sameText);
    if (byText.length > 0) return byText;
    return withCode.length === 1 ? withCode : [];
  }
  const names = mentionedNames(target.message);
  const mentions = (d: Diagnostic): boolean => names.some((n) => d.message.includes(`'${n}'`));
  const positioned = atLine(diagnostics, target);
  if (positioned.length > 0) {
    const named = positioned.filter(mentions);
    return named.length > 0 ? named : positioned;
  }
  const byText = diagnostics.filter(sameText);
  if (byText.length > 0) return byText;
  return names.length > 0 ? diagnostics.filter(mentions) : [];
}

/**
 * Matches every reported error against the diagnostics the checker found in the code.
 *
 * @param targets - errors parsed from the user's message (ESLint entries should be left out by the caller).
 * @param diagnostics - the checker's diagnostics of the unmodified code.
 */
export function matchTargets(targets: readonly ParsedError[], diagnostics: readonly Diagnostic[]): TargetMatch {
  const matched = new Set<Diagnostic>();
  const unmatched: ParsedError[] = [];
  for (const target of targets) {
    const hits = matchOne(target, diagnostics);
    if (hits.length === 0) unmatched.push(target);
    for (const hit of hits) matched.add(hit);
  }
  return { matched: diagnostics.filter((d) => matched.has(d)), unmatched };
}
