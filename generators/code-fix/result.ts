import type { CodeFixResult, FixLanguage } from '../../src/contracts/code-fix.js';
import type { ParsedError } from './parse-error-message.js';
import type { EngineOutcome } from './script-fixer.js';
import {
  createUnifiedDiff,
  describeList,
  introducedDiagnostics,
  isEnvironmentFinding,
  remainingTargets,
} from './verify.js';

/** Everything {@link toCodeFixResult} needs besides the engine outcome. */
export interface ResultContext {
  language: FixLanguage;
  fileName: string;
  originalCode: string;
  targets: readonly ParsedError[];
}

function toTarget(targets: readonly ParsedError[]): CodeFixResult['target'] {
  const first = targets[0];
  if (first === undefined) return null;
  const target: NonNullable<CodeFixResult['target']> = { message: first.message };
  if (first.code !== undefined) target.code = first.code;
  if (first.line !== undefined) target.line = first.line;
  if (first.column !== undefined) target.column = first.column;
  return target;
}

function fixSummary(outcome: EngineOutcome): string {
  const names = [...new Set(outcome.fixes.map((f) => `${f.source}:${f.fix_name}`))].join(', ');
  return `${outcome.fixes.length} fix(es) applied (${names})`;
}

function environmentNote(outcome: EngineOutcome): string {
  const env = outcome.after.filter(isEnvironmentFinding);
  return env.length === 0
    ? ''
    : ` Environment findings left as they are (not counted against the fix): ${describeList(env)}.`;
}

/**
 * Turns an engine outcome into the contract's result and decides `verified`: true only when no problem was
 * recorded (e.g. the reported error not reproduced), no targeted diagnostic remains after the fix, and no
 * error appears that was not there before. A fix that introduced errors is discarded: the result then
 * carries the original code, `changed: false` and no applied fixes.
 */
export function toCodeFixResult(context: ResultContext, outcome: EngineOutcome): CodeFixResult {
  const introduced = introducedDiagnostics(outcome.before, outcome.after);
  const discard = introduced.length > 0;
  const fixedCode = discard ? context.originalCode : outcome.code;
  const after = discard ? outcome.before : outcome.after;
  const remaining = remainingTargets(after, outcome.targetKeys);
  const verified = outcome.problems.length === 0 && remaining.length === 0 && !discard;
  const changed = fixedCode !== context.originalCode;
  const parts: string[] = [];
  if (discard) parts.push(`The fixes found introduced new errors (${describeList(introduced)}) and were discarded.`);
  parts.push(...outcome.problems);
  if (verified && changed) {
    parts.push(`Verified: ${fixSummary(outcome)}; re-checking shows the targeted error(s) gone and no new error.`);
  } else if (verified) {
    parts.push(
      outcome.targetKeys.size === 0
        ? 'No errors found: the checker reports nothing to fix.'
        : 'Verified: nothing left to fix.',
    );
  } else if (remaining.length > 0) {
    const progress = changed ? `${fixSummary(outcome)}, but ` : 'no available fix removes it: ';
    parts.push(`Not verified: ${progress}${remaining.length} targeted error(s) remain: ${describeList(remaining)}.`);
  } else if (!discard) {
    parts.push(changed ? `Not verified: ${fixSummary(outcome)}.` : 'Not verified: nothing was changed.');
  }
  return {
    language: context.language,
    file_name: context.fileName,
    verified,
    changed,
    fixed_code: fixedCode,
    diff: createUnifiedDiff(context.fileName, context.originalCode, fixedCode),
    fixes_applied: discard ? [] : outcome.fixes,
    diagnostics_before: outcome.before,
    diagnostics_after: after,
    target: toTarget(context.targets),
    rounds: outcome.rounds,
    message: (parts.join(' ') + environmentNote({ ...outcome, after })).trim(),
  };
}
