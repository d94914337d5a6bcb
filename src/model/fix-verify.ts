import type { ArtifactChecker, ArtifactLanguage, Diagnostic } from '../contracts/artifact.js';
import type { CodeFixer, CodeFixRequest, CodeFixResult } from '../contracts/code-fix.js';

/** Rules the verifier shares with the deterministic fixer, injected by the composition root. */
export interface FixPolicy {
  /** TypeScript codes about the environment (missing packages), never counted as errors of the code. */
  environmentCodes: ReadonlySet<string>;
  /** Constructs a fix must not add (`@ts-ignore`, `as any`, ...). */
  forbiddenText: RegExp;
}

/** What verifying one candidate found. */
export interface CandidateVerdict {
  verified: boolean;
  /** The candidate's remaining errors (compiler/parser, plus lint errors it introduced). */
  errors: Diagnostic[];
  /** Why it is not verified (empty when verified). */
  reasons: string[];
  /** Every finding of the deterministic checker on the candidate (warnings and environment findings included). */
  diagnostics: Diagnostic[];
}

/** The verifier of one `auto_fix_code` request: the deterministic fixer and the checker, run on each candidate. */
export interface CandidateVerifier {
  verify(candidate: string, options: { signal?: AbortSignal }): Promise<CandidateVerdict>;
}

/** Lint runs through the checker for these languages (JSX has no artifact language, JSON no linter). */
const LINTED: Partial<Record<string, { language: ArtifactLanguage; ext: string }>> = {
  typescript: { language: 'typescript', ext: 'ts' },
  tsx: { language: 'tsx', ext: 'tsx' },
  javascript: { language: 'javascript', ext: 'js' },
};

const key = (d: Diagnostic): string => `${d.source}|${d.code ?? ''}|${d.message}`;
const countOf = (text: string, pattern: RegExp): number =>
  text.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))?.length ??
  0;
const SUPPRESSION = /eslint-disable|@ts-(?:ignore|expect-error|nocheck)\b/;

/** Errors of `after` not in `before`, as multisets of source+code+message. */
function introduced(before: readonly Diagnostic[], after: readonly Diagnostic[]): Diagnostic[] {
  const counts = new Map<string, number>();
  for (const d of before) counts.set(key(d), (counts.get(key(d)) ?? 0) + 1);
  return after.filter((d) => {
    const left = counts.get(key(d)) ?? 0;
    if (left > 0) counts.set(key(d), left - 1);
    return left === 0;
  });
}

/**
 * Whether the checker reproduced the reported error on the original code: a TypeScript or ESLint code among its
 * diagnostics, or (no code) an error on the reported line. Without a reproduction, a candidate cannot be shown to
 * remove it.
 */
export function isTargetReproduced(original: CodeFixResult): boolean {
  const target = original.target;
  if (target === null) return true;
  const errors = original.diagnostics_before.filter((d) => d.severity === 'error');
  if (target.code !== undefined) return errors.some((d) => d.code === target.code);
  return target.line !== undefined && errors.some((d) => d.line === target.line);
}

async function lintErrors(
  checker: ArtifactChecker,
  language: string,
  code: string,
  signal: AbortSignal | undefined,
): Promise<Diagnostic[]> {
  const linted = LINTED[language];
  if (linted === undefined || !checker.checks.includes('eslint')) return [];
  const path = `candidate.${linted.ext}`;
  const verdicts = await checker.check([{ path, language: linted.language, kind: 'source', content: code }], {
    signal,
  });
  return (verdicts.get(path)?.diagnostics ?? []).filter((d) => d.source === 'eslint' && d.severity === 'error');
}

/**
 * Builds the verifier for one request. A candidate is verified only when: the deterministic fixer's checker
 * (TypeScript for scripts, `JSON.parse` for JSON) reports no error on it (environment findings aside), ESLint
 * (through the artifact checker, recommended rules) reports no error the original did not have, it adds no
 * suppression (`@ts-ignore`, `eslint-disable`, `as any`, ...), and the reported error was reproduced on the original
 * (so its absence means something).
 */
export function createCandidateVerifier(deps: {
  fixer: CodeFixer;
  checker: ArtifactChecker;
  policy: FixPolicy;
  request: CodeFixRequest;
  original: CodeFixResult;
}): CandidateVerifier {
  const { original, request, policy } = deps;
  let baseline: Promise<Diagnostic[]> | undefined;
  const reproduced = isTargetReproduced(original);
  return {
    async verify(candidate, { signal }) {
      const rerun = await deps.fixer.fix(
        { ...request, code: candidate, language: original.language, file_name: original.file_name },
        signal ? { signal } : {},
      );
      const compile = rerun.diagnostics_before.filter(
        (d) => d.severity === 'error' && !(d.code !== undefined && policy.environmentCodes.has(d.code)),
      );
      baseline ??= lintErrors(deps.checker, original.language, request.code, signal);
      const lint = introduced(await baseline, await lintErrors(deps.checker, original.language, candidate, signal));
      const reasons: string[] = [];
      if (compile.length > 0) reasons.push(`${compile.length} compiler/parser/linter error(s) remain`);
      if (lint.length > 0) reasons.push(`${lint.length} new ESLint error(s)`);
      for (const pattern of [policy.forbiddenText, SUPPRESSION]) {
        if (countOf(candidate, pattern) > countOf(request.code, pattern)) {
          reasons.push('it silences errors (a suppression comment or a cast to any) instead of fixing them');
          break;
        }
      }
      if (!reproduced)
        reasons.push('the reported error is not reproduced by the checker, so its removal cannot be shown');
      return {
        verified: reasons.length === 0,
        errors: [...compile, ...lint],
        reasons,
        diagnostics: [...rerun.diagnostics_before, ...lint],
      };
    },
  };
}
