import type { Diagnostic } from '../../src/contracts/artifact.js';
import type { AppliedFix, FixLanguage } from '../../src/contracts/code-fix.js';
import { throwIfAborted } from '../../src/core/signals.js';
import type { EslintEngine } from './eslint-fixer.js';
import { matchTargets } from './match-target.js';
import type { ParsedError } from './parse-error-message.js';
import { fixWithTypeScript } from './ts-fixer.js';
import type { TsService } from './ts-service.js';
import { diagnosticKey, isFixableError } from './verify.js';

/** What every engine hands back for verification. */
export interface EngineOutcome {
  code: string;
  fixes: AppliedFix[];
  before: Diagnostic[];
  after: Diagnostic[];
  /** {@link diagnosticKey}s (from `before`) of the errors the fix had to remove. */
  targetKeys: Set<string>;
  /** Reasons the result cannot be verified whatever the diagnostics say (e.g. target not reproduced). */
  problems: string[];
  rounds: number;
}

/** The lazily created engines and limits the script pipeline uses. */
export interface ScriptFixContext {
  getTypeScript: () => Promise<TsService>;
  getEslint: () => Promise<EslintEngine>;
  maxRounds: number;
}

/** One TS/TSX/JS/JSX fix request, already parsed. `fileName` is the in-memory name. */
export interface ScriptFixRequest {
  code: string;
  fileName: string;
  language: FixLanguage;
  targets: readonly ParsedError[];
}

function diagnose(service: TsService, fileName: string, code: string): Diagnostic[] {
  return service.diagnose(fileName, code).map((d) => service.toDiagnostic(d, code));
}

function describeTargets(targets: readonly ParsedError[]): string {
  return targets
    .map((t) => `${t.code ?? 'error'}${t.line === undefined ? '' : ` at line ${t.line}`}: ${t.message}`)
    .join('; ');
}

interface EslintStage {
  code: string;
  fixes: AppliedFix[];
  before: Diagnostic[];
  rules: string[];
}

async function runEslintStage(
  ctx: ScriptFixContext,
  request: ScriptFixRequest,
  outcome: EngineOutcome,
  signal: AbortSignal | undefined,
): Promise<EslintStage> {
  const engine = await ctx.getEslint();
  const ruleIds = request.targets.flatMap((t) => (t.ruleId === undefined ? [] : [t.ruleId]));
  const out = engine.fix({
    code: request.code,
    fileName: request.fileName,
    language: request.language,
    ruleIds,
    signal,
  });
  if (out.unavailableRules.length > 0) {
    outcome.problems.push(
      `ESLint rule(s) ${out.unavailableRules.join(', ')} cannot run here (unknown, from a plugin that is not installed, or needing type information).`,
    );
  }
  const errors = out.before.filter((d) => d.severity === 'error');
  if (ruleIds.length > 0 && errors.length === 0 && out.unavailableRules.length < new Set(ruleIds).size) {
    outcome.problems.push(
      `ESLint does not report ${out.rules.join(', ')} for this code, so the reported problem is not reproduced.`,
    );
  }
  for (const d of errors) outcome.targetKeys.add(diagnosticKey(d));
  return { code: out.code, fixes: out.fixes, before: out.before, rules: out.rules };
}

/**
 * Decides which TypeScript diagnostics the fix aims at. Reported errors are matched against the checker's
 * diagnostics (see `match-target.ts`); with none reported, every error that is not environmental is a target.
 * @returns the keys to give the TS fixer (`undefined` = fix everything) and whether the TS stage runs.
 */
function chooseTsTargets(
  request: ScriptFixRequest,
  tsBefore: readonly Diagnostic[],
  useEslint: boolean,
  outcome: EngineOutcome,
) {
  const tsTargets = request.targets.filter((t) => t.format !== 'eslint');
  if (tsTargets.length === 0) {
    if (!useEslint) for (const d of tsBefore.filter(isFixableError)) outcome.targetKeys.add(diagnosticKey(d));
    return { run: !useEslint, keys: undefined };
  }
  const { matched, unmatched } = matchTargets(tsTargets, tsBefore);
  if (unmatched.length > 0) {
    const clean = tsBefore.some(isFixableError) ? '' : ' The code compiles without errors.';
    outcome.problems.push(
      `The TypeScript checker does not reproduce the reported error (${describeTargets(unmatched)}); it may only occur at run time.${clean}`,
    );
  }
  const chosen = matched.length > 0 ? matched : tsBefore.filter(isFixableError);
  for (const d of chosen) outcome.targetKeys.add(diagnosticKey(d));
  return { run: true, keys: matched.length > 0 ? new Set(matched.map(diagnosticKey)) : undefined };
}

/**
 * Fixes TypeScript/TSX/JavaScript/JSX: ESLint autofix first when the message names lint rules (or the code
 * is JavaScript and the message is in ESLint format), then TypeScript code fixes for the reported compiler
 * errors (all errors when none is reported). Diagnostics before/after hold the checker's findings on the
 * whole file plus the findings of the lint rules that ran, so an error introduced by either stage shows.
 *
 * @throws CancelledError when `signal` aborts.
 */
export async function fixScript(
  ctx: ScriptFixContext,
  request: ScriptFixRequest,
  signal?: AbortSignal,
): Promise<EngineOutcome> {
  const service = await ctx.getTypeScript();
  throwIfAborted(signal);
  const tsBefore = diagnose(service, request.fileName, request.code);
  const outcome: EngineOutcome = {
    code: request.code,
    fixes: [],
    before: tsBefore,
    after: [],
    targetKeys: new Set(),
    problems: [],
    rounds: 0,
  };
  const isJs = request.language === 'javascript' || request.language === 'jsx';
  const useEslint =
    request.targets.some((t) => t.ruleId !== undefined) || (isJs && request.targets.some((t) => t.format === 'eslint'));
  const eslint = useEslint ? await runEslintStage(ctx, request, outcome, signal) : undefined;
  if (eslint) {
    outcome.code = eslint.code;
    outcome.fixes.push(...eslint.fixes);
    outcome.rounds += eslint.fixes.length > 0 ? 1 : 0;
  }
  const tsPlan = chooseTsTargets(request, tsBefore, useEslint, outcome);
  if (tsPlan.run) {
    const maxRounds = Math.max(0, ctx.maxRounds - outcome.rounds);
    const out = fixWithTypeScript({
      service,
      fileName: request.fileName,
      code: outcome.code,
      targetKeys: tsPlan.keys,
      maxRounds,
      signal,
    });
    outcome.code = out.code;
    outcome.fixes.push(...out.fixes);
    outcome.rounds += out.rounds;
  }
  throwIfAborted(signal);
  const tsAfter = outcome.code === request.code ? tsBefore : diagnose(service, request.fileName, outcome.code);
  const engine = eslint ? await ctx.getEslint() : undefined;
  const lintAfter =
    eslint && engine
      ? engine.lint({ code: outcome.code, fileName: request.fileName, language: request.language, rules: eslint.rules })
      : [];
  outcome.before = [...tsBefore, ...(eslint?.before ?? [])];
  outcome.after = [...tsAfter, ...lintAfter];
  return outcome;
}
