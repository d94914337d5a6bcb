import js from '@eslint/js';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import type { Artifact } from '../../../../src/contracts/artifact.js';

const TS_FILES = ['**/*.ts', '**/*.tsx'];

/** The artifact checker's lint setup: @eslint/js recommended + typescript-eslint recommended (not type-checked). */
function lintConfig(): Linter.Config[] {
  return [
    {
      ...js.configs.recommended,
      files: TS_FILES,
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    ...tseslint.configs.recommended.map((config) => ({ ...config, files: TS_FILES })),
    { files: TS_FILES, rules: { 'no-undef': 'off' } },
  ];
}

/** Lints every TS/TSX artifact; returns `path:line:col rule message` for each message (errors and warnings). */
export function lintArtifacts(artifacts: readonly Artifact[]): string[] {
  const linter = new Linter({ cwd: '/' });
  const config = lintConfig();
  return artifacts
    .filter((artifact) => artifact.language === 'typescript' || artifact.language === 'tsx')
    .flatMap((artifact) =>
      linter
        .verify(artifact.content, config, `/ws/${artifact.path}`)
        .map((m) => `${artifact.path}:${m.line}:${m.column} ${m.ruleId ?? 'parse'} ${m.message}`),
    );
}
