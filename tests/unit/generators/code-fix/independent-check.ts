// Independent re-checks for the code-fix tests: a plain `ts.createProgram` (not the fixer's language service),
// ESLint's Linter and JSON.parse, so a fixed result is judged by a second, separate run of the real tools.
import { join } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import ts from 'typescript';

/** One error found by an independent check, as `CODE: message`. */
export type Finding = string;

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  allowJs: true,
  checkJs: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

/** Creates a checker that compiles one in-memory file per call, sharing parsed lib files between calls. */
export function createCompileCheck(): (fileName: string, code: string) => Finding[] {
  const libCache = new Map<string, ts.SourceFile | undefined>();
  const base = ts.createCompilerHost(OPTIONS);
  return (fileName, code) => {
    const path = join(process.cwd(), '.code-fix-check', fileName);
    const host: ts.CompilerHost = {
      ...base,
      fileExists: (f) => f === path || base.fileExists(f),
      readFile: (f) => (f === path ? code : base.readFile(f)),
      getSourceFile: (f, languageVersion) => {
        if (f === path) return ts.createSourceFile(f, code, languageVersion, true);
        if (!libCache.has(f)) libCache.set(f, base.getSourceFile(f, languageVersion));
        return libCache.get(f);
      },
    };
    const program = ts.createProgram([path], OPTIONS, host);
    const sourceFile = program.getSourceFile(path);
    return ts
      .getPreEmitDiagnostics(program, sourceFile)
      .filter((d) => d.category === ts.DiagnosticCategory.Error)
      .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  };
}

/** Lints `code` with exactly `rules`, returning `rule: message` for each problem. */
export function lintFindings(fileName: string, code: string, rules: readonly string[]): Finding[] {
  const isTs = /\.tsx?$/.test(fileName);
  const config: Linter.Config = {
    files: ['**/*.{ts,tsx,js,jsx}'],
    languageOptions: isTs ? { parser: tseslint.parser } : {},
    rules: Object.fromEntries(rules.map((r) => [r, 'error'])),
  };
  if (isTs) config.plugins = { '@typescript-eslint': tseslint.plugin };
  return new Linter({ configType: 'flat' })
    .verify(code, [config], { filename: fileName })
    .map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

/** JSON.parse's error message, or `[]` when the text parses. */
export function jsonFindings(code: string): Finding[] {
  try {
    JSON.parse(code);
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}
