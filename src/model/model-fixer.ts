import type { CodeFixer, CodeFixRequest, CodeFixResult } from '../contracts/code-fix.js';
import type { ModelAccess } from '../contracts/model.js';
import { CancelledError, type InvalidInputError } from '../core/errors.js';
import {
  diffOf,
  isUnsupportedLanguage,
  searchCandidates,
  toFixAssist,
  toFixPrompt,
  unsupportedResult,
  type FixAttempt,
  type ModelCodeFixerDeps,
} from './fix-candidates.js';
import { createCandidateVerifier } from './fix-verify.js';

export type { ModelCodeFixerDeps } from './fix-candidates.js';
export type { FixPolicy } from './fix-verify.js';

function verifiedResult(
  base: CodeFixResult,
  request: CodeFixRequest,
  attempt: FixAttempt & { verified: NonNullable<FixAttempt['verified']> },
  access: ModelAccess,
): CodeFixResult {
  const { index, code, explanation, verdict } = attempt.verified;
  const model = attempt.model ?? access.model ?? 'client-selected';
  return {
    ...base,
    verified: true,
    changed: true,
    fixed_code: code,
    diff: diffOf(base.file_name, request.code, code),
    fixes_applied: [
      {
        source: 'model',
        fix_name: `model-candidate-${index}`,
        description: `${explanation ?? 'Model-proposed edit'} (via ${access.mode}, model ${model})`,
      },
    ],
    diagnostics_after: verdict.diagnostics,
    message:
      `Verified: model candidate ${index} of ${attempt.candidates} compiles/parses with no error, adds no ESLint error ` +
      `or suppression, and the targeted error is gone. The deterministic fixes had not verified: ${base.message}`,
    model_assist: toFixAssist(
      access,
      attempt,
      'The first candidate that verified is returned.',
      request,
      base.file_name,
    ),
  };
}

function notVerifiedNote(attempt: FixAttempt): string {
  if (attempt.candidates === 0) return 'The model proposed no candidate that differs from the input.';
  return attempt.best
    ? `None of ${attempt.candidates} candidate(s) verified; the one with the fewest errors is offered unverified.`
    : `None of ${attempt.candidates} candidate(s) verified.`;
}

async function assist(
  deps: ModelCodeFixerDeps,
  request: CodeFixRequest,
  base: CodeFixResult | undefined,
  unsupported: InvalidInputError | undefined,
  access: ModelAccess,
  signal: AbortSignal | undefined,
): Promise<CodeFixResult> {
  const fallbackResult = base ?? unsupportedResult(request, unsupported as InvalidInputError);
  const verifier = base
    ? createCandidateVerifier({ fixer: deps.base, checker: deps.checker, policy: deps.policy, request, original: base })
    : undefined;
  const attempt = await searchCandidates(
    deps,
    request,
    toFixPrompt(request, fallbackResult.language, base),
    verifier,
    signal,
  );
  if (base && attempt.verified)
    return verifiedResult(base, request, { ...attempt, verified: attempt.verified }, access);
  deps.gateway.recordFallback('fixer', notVerifiedNote(attempt));
  return {
    ...fallbackResult,
    model_assist: toFixAssist(access, attempt, notVerifiedNote(attempt), request, fallbackResult.file_name),
  };
}

/**
 * Wraps the deterministic fixer. The deterministic engines run first; their verified result is returned as is.
 * When they do not verify — or the language has no local engine — and a model is available, the model proposes
 * candidates (up to 2 rounds × 3), each verified by re-running the deterministic checker on it (see
 * `fix-verify.ts`); the first verified candidate becomes the result (`fixes_applied[].source: "model"`). If none
 * verifies, the deterministic result is returned (`verified: false`) and the best candidate is only offered in
 * `model_assist.unverified_candidate`. Without a model this is the deterministic fixer, byte for byte.
 *
 * @throws what the deterministic fixer throws (InvalidInputError for empty code, or for an unsupported language when
 *   no model is available); CancelledError when `signal` aborts.
 */
export function createModelCodeFixer(deps: ModelCodeFixerDeps): CodeFixer {
  return {
    languages: deps.base.languages,
    async fix(request, options = {}) {
      const access = deps.gateway.access();
      let base: CodeFixResult | undefined;
      let unsupported: InvalidInputError | undefined;
      try {
        base = await deps.base.fix(request, options);
      } catch (error) {
        if (access.mode === 'none' || !isUnsupportedLanguage(error)) throw error;
        unsupported = error as InvalidInputError;
      }
      if (base !== undefined && (base.verified || access.mode === 'none')) return base;
      try {
        return await assist(deps, request, base, unsupported, access, options.signal);
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        const note = `The model could not help: ${(error as Error).message}`;
        deps.gateway.recordFallback('fixer', note);
        if (base === undefined) throw unsupported as InvalidInputError;
        return base;
      }
    },
  };
}
