import type { Linter } from 'eslint';
import type { Artifact, Diagnostic } from '../../src/contracts/artifact.js';
import { throwIfAborted } from '../../src/core/signals.js';
import { createLazy, error, warning, yieldToEventLoop } from './shared.js';
import { toScriptFileName } from './ts-host.js';

/** Files linted with typescript-eslint's parser and rules; everything else gets @eslint/js only. */
const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const JS_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];

/** Lints script artifacts with ESLint's `Linter` (flat config), one file at a time. */
export interface EslintChecker {
  /**
   * @returns diagnostics per artifact path (every input path is a key).
   * @throws CancelledError when `signal` aborts between files.
   */
  check(artifacts: readonly Artifact[], signal?: AbortSignal): Promise<Map<string, Diagnostic[]>>;
}

interface Loaded {
  linter: Linter;
  config: Linter.Config[];
}

/**
 * The lint configuration: `@eslint/js` recommended for every script, plus typescript-eslint's parser and its
 * non-type-checked `recommended` rules for TS/TSX. `no-undef` is off everywhere: the TypeScript check (which
 * also checks JavaScript) reports unknown names with real lib and `@types/node` globals (TS2304).
 */
export async function loadEslintConfig(): Promise<Linter.Config[]> {
  const [{ default: js }, { default: tseslint }] = await Promise.all([
    import('@eslint/js'),
    import('typescript-eslint'),
  ]);
  const moduleOptions: Linter.Config['languageOptions'] = {
    ecmaVersion: 'latest',
    sourceType: 'module',
    parserOptions: { ecmaFeatures: { jsx: true } },
  };
  const tsConfigs = tseslint.configs.recommended.map((config) => ({ ...config, files: TS_FILES }));
  return [
    { ...js.configs.recommended, files: [...JS_FILES, ...TS_FILES], languageOptions: moduleOptions },
    ...tsConfigs,
    { files: [...JS_FILES, ...TS_FILES], rules: { 'no-undef': 'off' } },
  ];
}

/** Creates the checker; ESLint and its plugins are imported on the first `check`, the `Linter` is kept. */
export function createEslintChecker(): EslintChecker {
  const load = createLazy(async (): Promise<Loaded> => {
    const [{ Linter }, config] = await Promise.all([import('eslint'), loadEslintConfig()]);
    return { linter: new Linter({ cwd: '/' }), config };
  });
  return {
    async check(artifacts, signal) {
      const result = new Map<string, Diagnostic[]>();
      if (artifacts.length === 0) return result;
      const { linter, config } = await load();
      for (const artifact of artifacts) {
        await yieldToEventLoop();
        throwIfAborted(signal);
        const messages = linter.verify(artifact.content, config, toScriptFileName(artifact));
        result.set(artifact.path, messages.map(toDiagnostic));
      }
      return result;
    },
  };
}

/** Rule severity 2 (and parse failures) → error, 1 → warning; code is the rule id. */
function toDiagnostic(message: Linter.LintMessage): Diagnostic {
  const extra: Partial<Diagnostic> = { line: Math.max(1, message.line), column: Math.max(1, message.column) };
  if (message.ruleId) extra.code = message.ruleId;
  else if (message.fatal) extra.code = 'parse-error';
  const isError = message.fatal === true || message.severity === 2;
  return isError ? error('eslint', message.message, extra) : warning('eslint', message.message, extra);
}
