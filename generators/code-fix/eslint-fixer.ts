import type { Linter, Rule } from 'eslint';
import type { Diagnostic } from '../../src/contracts/artifact.js';
import type { AppliedFix, FixLanguage } from '../../src/contracts/code-fix.js';
import { throwIfAborted } from '../../src/core/signals.js';
import { countForbidden } from './ts-fix-policy.js';

/** Input of {@link EslintEngine.fix}. */
export interface EslintFixInput {
  code: string;
  /** Name of the in-memory file; its extension picks the parser. */
  fileName: string;
  language: FixLanguage;
  /** Rules to run with autofix; empty means the fixable rules of `@eslint/js` recommended. */
  ruleIds: readonly string[];
  signal?: AbortSignal | undefined;
}

/** The outcome: diagnostics are those of the rules that ran (plus fatal parse errors), before and after. */
export interface EslintFixOutput {
  code: string;
  fixes: AppliedFix[];
  before: Diagnostic[];
  after: Diagnostic[];
  /** Rules asked for that cannot run here (unknown, from an uninstalled plugin, or needing type information). */
  unavailableRules: string[];
  /** The rules that ran. */
  rules: string[];
}

/** ESLint run programmatically through `Linter` (no config files, no disk access). */
export interface EslintEngine {
  /**
   * Runs the rules with autofix, then the single suggestion of any message left that has exactly one.
   * @throws CancelledError when `signal` aborts (checked before and after fixing).
   */
  fix(input: EslintFixInput): EslintFixOutput;
  /** Lints `code` with exactly `rules` (as returned in {@link EslintFixOutput.rules}), without fixing. */
  lint(input: { code: string; fileName: string; language: FixLanguage; rules: readonly string[] }): Diagnostic[];
}

type RuleMap = ReadonlyMap<string, Rule.RuleModule>;

const TS_PLUGIN_PREFIX = '@typescript-eslint/';

function hasRules(plugin: unknown): plugin is { rules: Record<string, Rule.RuleModule> } {
  return typeof plugin === 'object' && plugin !== null && 'rules' in plugin && typeof plugin.rules === 'object';
}

function toDiagnostic(message: Linter.LintMessage): Diagnostic {
  const out: Diagnostic = {
    source: 'eslint',
    severity: message.severity === 2 || message.fatal === true ? 'error' : 'warning',
    message: message.message,
  };
  if (message.ruleId) out.code = message.ruleId;
  if (message.line > 0) out.line = message.line;
  if (message.column > 0) out.column = message.column;
  return out;
}

/** Applies one suggestion per message when a message has exactly one; overlapping ones are skipped. */
function applySingleSuggestions(
  code: string,
  messages: readonly Linter.LintMessage[],
): { code: string; applied: Linter.LintMessage[] } {
  const picks = messages
    .filter((m) => m.suggestions?.length === 1)
    .map((m) => ({ message: m, fix: m.suggestions?.[0]?.fix }))
    .filter(
      (p): p is { message: Linter.LintMessage; fix: Rule.Fix } =>
        p.fix !== undefined && countForbidden(p.fix.text) === 0,
    )
    .sort((a, b) => b.fix.range[0] - a.fix.range[0]);
  let out = code;
  let floor = Number.POSITIVE_INFINITY;
  const applied: Linter.LintMessage[] = [];
  for (const pick of picks) {
    if (pick.fix.range[1] > floor) continue;
    out = out.slice(0, pick.fix.range[0]) + pick.fix.text + out.slice(pick.fix.range[1]);
    floor = pick.fix.range[0];
    applied.push(pick.message);
  }
  return { code: out, applied };
}

/** One fix entry per rule that changed something: its messages before minus after. */
function toFixes(
  rules: readonly string[],
  before: readonly Linter.LintMessage[],
  after: readonly Linter.LintMessage[],
  suggested: ReadonlySet<string>,
): AppliedFix[] {
  return rules.flatMap((rule) => {
    const removed = before.filter((m) => m.ruleId === rule).length - after.filter((m) => m.ruleId === rule).length;
    if (removed <= 0) return [];
    const how = suggested.has(rule) ? "the rule's suggestion" : 'ESLint autofix';
    return [
      {
        source: 'eslint' as const,
        fix_name: rule,
        description: `Fixed ${removed} ${rule} problem(s) with ${how}.`,
        diagnostic_code: rule,
      },
    ];
  });
}

interface EslintParts {
  linter: Linter;
  ruleOf: (id: string) => Rule.RuleModule | undefined;
  /** Fixable rules of `@eslint/js` recommended, used when the message names none. */
  recommendedFixable: string[];
  configFor: (language: FixLanguage, rules: readonly string[]) => Linter.Config[];
}

/** typescript-eslint marks rules that need a type-checked program; none is loaded here. */
function needsTypeInformation(rule: Rule.RuleModule): boolean {
  const docs: object | undefined = rule.meta?.docs;
  return docs !== undefined && 'requiresTypeChecking' in docs && docs.requiresTypeChecking === true;
}

async function loadParts(): Promise<EslintParts> {
  const [{ Linter: LinterClass }, { builtinRules }, tseslint, js] = await Promise.all([
    import('eslint'),
    import('eslint/use-at-your-own-risk'),
    import('typescript-eslint'),
    import('@eslint/js'),
  ]);
  const { parser, plugin } = tseslint.default;
  const tsRules: RuleMap = new Map(Object.entries(hasRules(plugin) ? plugin.rules : {}));
  const ruleOf = (id: string): Rule.RuleModule | undefined =>
    id.startsWith(TS_PLUGIN_PREFIX) ? tsRules.get(id.slice(TS_PLUGIN_PREFIX.length)) : builtinRules.get(id);
  const configFor = (language: FixLanguage, rules: readonly string[]): Linter.Config[] => {
    const isTs = language === 'typescript' || language === 'tsx' || rules.some((r) => r.startsWith(TS_PLUGIN_PREFIX));
    const jsx = language === 'tsx' || language === 'jsx';
    const languageOptions: Linter.LanguageOptions = {
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx } },
    };
    if (isTs) languageOptions.parser = parser;
    const config: Linter.Config = {
      files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
      languageOptions,
      rules: Object.fromEntries(rules.map((r) => [r, 'error'])),
    };
    if (isTs) config.plugins = { '@typescript-eslint': plugin };
    return [config];
  };
  return {
    linter: new LinterClass({ configType: 'flat' }),
    ruleOf,
    recommendedFixable: Object.keys(js.default.configs.recommended.rules ?? {}).filter(
      (id) => ruleOf(id)?.meta?.fixable !== undefined,
    ),
    configFor,
  };
}

function runFix(parts: EslintParts, input: EslintFixInput): EslintFixOutput {
  throwIfAborted(input.signal);
  const asked = input.ruleIds.length > 0 ? [...new Set(input.ruleIds)] : parts.recommendedFixable;
  const unavailableRules = asked.filter((id) => {
    const rule = parts.ruleOf(id);
    return rule === undefined || needsTypeInformation(rule);
  });
  const rules = asked.filter((id) => !unavailableRules.includes(id));
  const config = parts.configFor(input.language, rules);
  const lint = (text: string): Linter.LintMessage[] => parts.linter.verify(text, config, { filename: input.fileName });
  const before = lint(input.code);
  const autofixed = parts.linter.verifyAndFix(input.code, config, { filename: input.fileName });
  throwIfAborted(input.signal);
  const left = autofixed.messages.filter((m) => m.ruleId !== null && rules.includes(m.ruleId));
  const suggested = applySingleSuggestions(autofixed.output, left);
  const code = countForbidden(suggested.code) > countForbidden(input.code) ? input.code : suggested.code;
  const after = code === input.code ? before : lint(code);
  const suggestedRules = new Set(suggested.applied.map((m) => m.ruleId ?? ''));
  return {
    code,
    fixes: toFixes(rules, before, after, suggestedRules),
    before: before.map(toDiagnostic),
    after: after.map(toDiagnostic),
    unavailableRules,
    rules,
  };
}

/**
 * Creates the engine: loads `eslint`, `@eslint/js` and `typescript-eslint` once. Core rules come from
 * ESLint's built-in rule table; `@typescript-eslint/*` rules from the typescript-eslint plugin (rules that
 * need type information are reported as unavailable, since no project is loaded). TypeScript/TSX files are
 * parsed with the typescript-eslint parser, JS/JSX with espree.
 */
export async function createEslintEngine(): Promise<EslintEngine> {
  const parts = await loadParts();
  return {
    lint: (input) =>
      parts.linter
        .verify(input.code, parts.configFor(input.language, input.rules), { filename: input.fileName })
        .map(toDiagnostic),
    fix: (input) => runFix(parts, input),
  };
}
