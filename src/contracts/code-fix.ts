import { z } from 'zod';
import { DiagnosticSchema } from './artifact.js';
import { ModelAssistSchema } from './model.js';

/** Languages `auto_fix_code` fixes with a local engine. */
export const FIX_LANGUAGES = ['typescript', 'tsx', 'javascript', 'jsx', 'json'] as const;
export const FixLanguageSchema = z.enum(FIX_LANGUAGES);
export type FixLanguage = z.infer<typeof FixLanguageSchema>;

/** A fix request. `language` is free text here so an unsupported one gets a helpful error, not a schema error. */
export interface CodeFixRequest {
  code: string;
  /** The error as reported by tsc, ESLint, Node (stack trace) or a JSON parser; guides which fix is chosen. */
  error_message?: string;
  language?: string;
  file_name?: string;
}

/** One applied fix. `source` names the engine; `fix_name` is the engine's id (TS fixName, ESLint rule id, ...). */
export const AppliedFixSchema = z.object({
  /** `model`: a model-proposed candidate that passed the same verification (issue #5). */
  source: z.enum(['typescript', 'eslint', 'jsonrepair', 'model']),
  fix_name: z.string(),
  description: z.string(),
  diagnostic_code: z.string().optional(),
});
export type AppliedFix = z.infer<typeof AppliedFixSchema>;

/**
 * The result of a fix. `verified` is true only when re-running the compiler/parser/linter shows the targeted
 * error gone and no new error introduced. `diff` is a unified diff of `code` → `fixed_code` (empty when unchanged).
 */
export const CodeFixResultSchema = z.object({
  /** One of {@link FIX_LANGUAGES}; another name only for a language without a local engine (never `verified`). */
  language: z.union([FixLanguageSchema, z.string().min(1).max(32)]),
  file_name: z.string(),
  verified: z.boolean(),
  changed: z.boolean(),
  fixed_code: z.string(),
  diff: z.string(),
  fixes_applied: z.array(AppliedFixSchema),
  diagnostics_before: z.array(DiagnosticSchema),
  diagnostics_after: z.array(DiagnosticSchema),
  /** The error the fix aimed at, as parsed from `error_message` (null when none was given or parsed). */
  target: z
    .object({
      message: z.string(),
      code: z.string().optional(),
      line: z.number().int().optional(),
      column: z.number().int().optional(),
    })
    .nullable(),
  rounds: z.number().int().nonnegative(),
  message: z.string(),
  /** Present only when a model was asked (issue #5): what it proposed and what verified. */
  model_assist: ModelAssistSchema.optional(),
});
export type CodeFixResult = z.infer<typeof CodeFixResultSchema>;

/** Fixes code with deterministic engines and verifies the result. */
export interface CodeFixer {
  readonly languages: readonly FixLanguage[];
  /**
   * @throws InvalidInputError for an unsupported language (the message names the supported ones).
   * @throws CancelledError when `signal` aborts.
   */
  fix(request: CodeFixRequest, options?: { signal?: AbortSignal }): Promise<CodeFixResult>;
}
