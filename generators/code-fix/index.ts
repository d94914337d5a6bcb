import {
  FIX_LANGUAGES,
  type CodeFixer,
  type CodeFixRequest,
  type CodeFixResult,
} from '../../src/contracts/code-fix.js';
import { InvalidInputError } from '../../src/core/errors.js';
import { throwIfAborted } from '../../src/core/signals.js';
import { detectLanguage, toReportedFileName, toVirtualFileName } from './detect-language.js';
import { createEslintEngine, type EslintEngine } from './eslint-fixer.js';
import { fixJson } from './json-fixer.js';
import { parseErrorMessage, type ParsedError } from './parse-error-message.js';
import { toCodeFixResult } from './result.js';
import { fixScript, type EngineOutcome, type ScriptFixContext } from './script-fixer.js';
import { createTsService, type TsService } from './ts-service.js';
import { diagnosticKey } from './verify.js';

export { parseErrorMessage, type ParsedError, type ErrorFormat } from './parse-error-message.js';
export { detectLanguage, guessLanguageFromContent, SUPPORTED_LANGUAGES_TEXT } from './detect-language.js';
export { FORBIDDEN_FIX_NAMES, FORBIDDEN_TEXT } from './ts-fix-policy.js';
export { ENVIRONMENT_CODES } from './verify.js';

/** Options of {@link createCodeFixer}. */
export interface CodeFixerOptions {
  /** Most fixes applied per request (each TypeScript fix is one round, an ESLint pass another). Default 8, range 1–64. */
  maxRounds?: number;
}

/** Rounds per request when {@link CodeFixerOptions.maxRounds} is not set. */
export const DEFAULT_MAX_ROUNDS = 8;
const MAX_ROUNDS_LIMIT = 64;

/** Caches one promise per engine; a failed creation is forgotten so the next call retries. */
function lazy<T>(create: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= create().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

function jsonOutcome(code: string, targets: readonly ParsedError[]): EngineOutcome {
  const out = fixJson(code);
  const problems =
    targets.length > 0 && out.before.length === 0
      ? ['JSON.parse accepts this text, so the reported error is not reproduced.']
      : [];
  return { ...out, targetKeys: new Set(out.before.map(diagnosticKey)), problems, rounds: out.fixes.length };
}

async function fixRequest(
  ctx: ScriptFixContext,
  request: CodeFixRequest,
  signal: AbortSignal | undefined,
): Promise<CodeFixResult> {
  throwIfAborted(signal);
  if (typeof request.code !== 'string' || request.code.trim() === '') {
    throw new InvalidInputError('The code to fix is empty.', {
      hint: 'Pass the full source text of the file in `code`.',
    });
  }
  const targets = parseErrorMessage(request.error_message ?? '');
  const errorFileName = targets.find((t) => t.file !== undefined)?.file;
  const language = detectLanguage({
    code: request.code,
    language: request.language,
    file_name: request.file_name,
    errorFileName,
  });
  const fileName = toReportedFileName(language, request.file_name);
  const context = { language, fileName, originalCode: request.code, targets };
  if (language === 'json') return toCodeFixResult(context, jsonOutcome(request.code, targets));
  const virtualName = toVirtualFileName(language, request.file_name ?? errorFileName);
  const outcome = await fixScript(ctx, { code: request.code, fileName: virtualName, language, targets }, signal);
  return toCodeFixResult(context, outcome);
}

/**
 * Creates the deterministic code fixer behind `auto_fix_code`.
 *
 * - TypeScript/TSX/JavaScript/JSX: TypeScript language-service code fixes (one long-lived service per
 *   fixer, created on the first request; later requests reuse its parsed lib files), plus ESLint autofix
 *   when the error names lint rules. JSON: `jsonrepair`, verified with JSON.parse.
 * - Every result is verified by re-running the checker: `verified` is true only when the targeted error(s)
 *   are gone and no new error appeared (see `result.ts`); fixes never add `@ts-ignore`-style comments or
 *   casts to `any` (see `ts-fix-policy.ts`).
 *
 * @throws InvalidInputError when `maxRounds` is not an integer in 1–64.
 */
export function createCodeFixer(options: CodeFixerOptions = {}): CodeFixer {
  const maxRounds = options.maxRounds ?? DEFAULT_MAX_ROUNDS;
  if (!Number.isInteger(maxRounds) || maxRounds < 1 || maxRounds > MAX_ROUNDS_LIMIT) {
    throw new InvalidInputError(`maxRounds must be an integer from 1 to ${MAX_ROUNDS_LIMIT}; got ${maxRounds}.`, {
      hint: `Omit maxRounds to use ${DEFAULT_MAX_ROUNDS}.`,
    });
  }
  const ctx: ScriptFixContext = {
    maxRounds,
    getTypeScript: lazy<TsService>(createTsService),
    getEslint: lazy<EslintEngine>(createEslintEngine),
  };
  return {
    languages: FIX_LANGUAGES,
    /**
     * @throws InvalidInputError for empty code or an unsupported language (the message names the supported ones).
     * @throws CancelledError when `signal` is aborted (checked on entry and between rounds).
     */
    fix: (request, fixOptions) => fixRequest(ctx, request, fixOptions?.signal),
  };
}
