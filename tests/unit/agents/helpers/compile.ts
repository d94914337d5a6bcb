import { existsSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { Artifact } from '../../../../src/contracts/artifact.js';

/** The repository root (holds node_modules with @types/node and @types/react). */
export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + start);
    dir = parent;
  }
  return dir;
}

/** In-memory files live under this folder of the repo root; it does not exist on disk. */
const VIRTUAL_DIR = posix.join(REPO_ROOT.split('\\').join('/'), '__generated_artifacts__');

/** The compiler options the artifact checker uses (strict, noUncheckedIndexedAccess, bundler, react-jsx). */
export const ARTIFACT_COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  skipLibCheck: true,
  types: ['node'],
  typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
  noEmit: true,
};

/** One diagnostic, formatted `path:line:col TSxxxx message`. */
export interface CompileResult {
  diagnostics: string[];
  /** Every module specifier imported by the artifacts, per artifact path. */
  imports: Map<string, string[]>;
}

/** Type-checks the TypeScript/TSX artifacts as one program with the real compiler, reading libs from disk. */
export function compileArtifacts(artifacts: readonly Artifact[]): CompileResult {
  const files = new Map<string, string>();
  for (const artifact of artifacts) {
    if (artifact.language === 'typescript' || artifact.language === 'tsx')
      files.set(posix.join(VIRTUAL_DIR, artifact.path), artifact.content);
  }
  const base = ts.createCompilerHost(ARTIFACT_COMPILER_OPTIONS, true);
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (name) => files.has(name) || base.fileExists(name),
    directoryExists: (name) =>
      [...files.keys()].some((file) => file.startsWith(name.endsWith('/') ? name : `${name}/`)) ||
      ts.sys.directoryExists(name),
    realpath: (name) => (files.has(name) ? name : (ts.sys.realpath?.(name) ?? name)),
    readFile: (name) => files.get(name) ?? base.readFile(name),
    getSourceFile: (name, version, onError) => {
      const text = files.get(name);
      return text === undefined
        ? base.getSourceFile(name, version, onError)
        : ts.createSourceFile(name, text, version, true);
    },
    writeFile: () => undefined,
  };
  const program = ts.createProgram([...files.keys()], ARTIFACT_COMPILER_OPTIONS, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (diagnostic.file === undefined || diagnostic.start === undefined) return `TS${diagnostic.code} ${message}`;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const path = posix.relative(VIRTUAL_DIR, diagnostic.file.fileName);
    return `${path}:${line + 1}:${character + 1} TS${diagnostic.code} ${message}`;
  });
  const imports = new Map<string, string[]>();
  for (const [name] of files) {
    const source = program.getSourceFile(name);
    const specifiers =
      source === undefined
        ? []
        : source.statements.flatMap((statement) =>
            (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
            statement.moduleSpecifier !== undefined &&
            ts.isStringLiteral(statement.moduleSpecifier)
              ? [statement.moduleSpecifier.text]
              : [],
          );
    imports.set(posix.relative(VIRTUAL_DIR, name), specifiers);
  }
  return { diagnostics, imports };
}
