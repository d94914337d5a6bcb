import type * as TS from 'typescript';
import type { Diagnostic } from '../../src/contracts/artifact.js';
import type { AppliedFix } from '../../src/contracts/code-fix.js';
import { throwIfAborted } from '../../src/core/signals.js';
import { applyTextChanges, rankCandidates, toCandidate, type FixCandidate } from './ts-fix-policy.js';
import type { TsService } from './ts-service.js';
import { diagnosticKey, introducedDiagnostics, isFixableError } from './verify.js';

/** Input of {@link fixWithTypeScript}. */
export interface TsFixInput {
  service: TsService;
  /** Name of the in-memory file (decides TS/TSX/JS/JSX). */
  fileName: string;
  code: string;
  /** {@link diagnosticKey}s of the errors to remove; `undefined` removes every error that is not environmental. */
  targetKeys: ReadonlySet<string> | undefined;
  /** Upper bound on applied fixes (one fix per round). */
  maxRounds: number;
  signal?: AbortSignal | undefined;
}

/** What {@link fixWithTypeScript} achieved. `rounds` counts accepted fixes. */
export interface TsFixOutput {
  code: string;
  fixes: AppliedFix[];
  rounds: number;
}

/** Candidate fixes tried per round before giving up; each try costs one re-check of the file. */
const MAX_ATTEMPTS_PER_ROUND = 16;

interface State {
  code: string;
  raw: readonly TS.Diagnostic[];
  diagnostics: Diagnostic[];
}

interface Step {
  state: State;
  fix: AppliedFix;
}

function check(input: TsFixInput, code: string): State {
  const raw = input.service.diagnose(input.fileName, code);
  return { code, raw, diagnostics: raw.map((d) => input.service.toDiagnostic(d, code)) };
}

/** Indices (into `state.raw`) of the errors still to fix, in file order. */
function workList(state: State, targetKeys: ReadonlySet<string> | undefined): number[] {
  return state.diagnostics
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => isFixableError(d) && (targetKeys === undefined || targetKeys.has(diagnosticKey(d))))
    .map(({ i }) => i);
}

/** TypeScript's own fix providers can throw on odd code; such a diagnostic simply has no candidates. */
function safely<T>(compute: () => readonly T[]): readonly T[] {
  try {
    return compute();
  } catch {
    return [];
  }
}

/** Candidates for one diagnostic, best first: for a fix with a fixId the combined "fix all" comes first. */
function candidatesFor(input: TsFixInput, state: State, raw: TS.Diagnostic): FixCandidate[] {
  const path = input.service.pathOf(input.fileName);
  const offered = safely(() => input.service.codeFixesFor(input.fileName, state.code, raw));
  const singles = rankCandidates(
    offered.map((fix) => toCandidate(fix, path)).filter((c): c is FixCandidate => c !== undefined),
  );
  return singles.flatMap((single) => {
    if (single.fixId === undefined || single.tier > 2) return [single];
    const fixId = single.fixId;
    const [combined] = safely(() => [input.service.combinedFix(input.fileName, state.code, fixId)]);
    const candidate =
      combined &&
      toCandidate(
        {
          fixName: fixId,
          description: `${single.description} (all occurrences)`,
          changes: combined.changes,
          commands: combined.commands,
        },
        path,
      );
    return candidate === undefined ? [single] : [{ ...candidate, tier: single.tier }, single];
  });
}

/**
 * A fix is accepted only when, re-checked, it removes at least one error of the work list and introduces
 * no error that was not there before (compared by {@link diagnosticKey}).
 */
function isImprovement(input: TsFixInput, before: State, after: State): boolean {
  if (introducedDiagnostics(before.diagnostics, after.diagnostics).length > 0) return false;
  return workList(after, input.targetKeys).length < workList(before, input.targetKeys).length;
}

function findStep(input: TsFixInput, state: State, seen: Set<string>): Step | undefined {
  let attempts = 0;
  for (const index of workList(state, input.targetKeys)) {
    const raw = state.raw[index];
    const diagnostic = state.diagnostics[index];
    if (raw === undefined || diagnostic === undefined) continue;
    for (const candidate of candidatesFor(input, state, raw)) {
      const code = applyTextChanges(state.code, candidate.changes);
      if (code === undefined || seen.has(code)) continue;
      seen.add(code);
      if (++attempts > MAX_ATTEMPTS_PER_ROUND) return undefined;
      const next = check(input, code);
      if (!isImprovement(input, state, next)) continue;
      const fix: AppliedFix = { source: 'typescript', fix_name: candidate.fixName, description: candidate.description };
      if (diagnostic.code !== undefined) fix.diagnostic_code = diagnostic.code;
      return { state: next, fix };
    }
  }
  return undefined;
}

/**
 * Fixes TypeScript/JavaScript with the language service's code fixes, one accepted fix per round, until the
 * work list is empty, no candidate improves the code, or `maxRounds` fixes were applied. Candidates are
 * filtered and ranked by the policy in `ts-fix-policy.ts` (never `@ts-ignore`, never casts to `any`).
 * The loop is synchronous between rounds, so the shared service never sees another fix's text mid-round.
 *
 * @throws CancelledError when `signal` aborts (checked before every round).
 */
export function fixWithTypeScript(input: TsFixInput): TsFixOutput {
  let state = check(input, input.code);
  const seen = new Set<string>([input.code]);
  const fixes: AppliedFix[] = [];
  for (let round = 0; round < input.maxRounds; round++) {
    throwIfAborted(input.signal);
    if (workList(state, input.targetKeys).length === 0) break;
    const step = findStep(input, state, seen);
    if (step === undefined) break;
    state = step.state;
    fixes.push(step.fix);
  }
  return { code: state.code, fixes, rounds: fixes.length };
}
