import type * as TS from 'typescript';
import type { Artifact, Diagnostic } from '../../src/contracts/artifact.js';
import { throwIfAborted } from '../../src/core/signals.js';
import { createLazy, error, warning, yieldToEventLoop } from './shared.js';
import {
  VIRTUAL_ROOT,
  createArtifactHost,
  createHostCache,
  findTypeRoots,
  toScriptFileName,
  type HostCache,
  type TypeRoots,
  type TypeScriptApi,
} from './ts-host.js';

/** Languages compiled by the TypeScript check. */
export const SCRIPT_LANGUAGES: ReadonlySet<Artifact['language']> = new Set(['typescript', 'tsx', 'javascript']);

/**
 * Compiles every script artifact of one call as a single in-memory program (so imports between artifacts
 * resolve) and reports TypeScript's syntactic and semantic diagnostics per artifact path.
 */
export interface TypeScriptChecker {
  /**
   * @param artifacts - script artifacts (typescript / tsx / javascript) only.
   * @returns diagnostics per artifact path (every input path is a key).
   * @throws CancelledError when `signal` aborts between files.
   */
  check(artifacts: readonly Artifact[], signal?: AbortSignal): Promise<Map<string, Diagnostic[]>>;
}

interface Loaded {
  ts: TypeScriptApi;
  options: TS.CompilerOptions;
  cache: HostCache;
  roots: TypeRoots;
}

/**
 * The compiler options of the check: strict, noUncheckedIndexedAccess, ES2022, ESNext modules resolved the
 * bundler way, react-jsx, lib es2023 + dom, `@types/node`; JavaScript is checked too (`checkJs`).
 */
export function toCompilerOptions(ts: TypeScriptApi, roots: TypeRoots): TS.CompilerOptions {
  return {
    strict: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [roots.typesDir],
    allowJs: true,
    checkJs: true,
    noEmit: true,
    esModuleInterop: true,
  };
}

/** Creates the checker; `typescript` is imported on the first `check`, and parsed lib files are kept. */
export function createTypeScriptChecker(): TypeScriptChecker {
  const load = createLazy(async (): Promise<Loaded> => {
    const ts = (await import('typescript')).default;
    const roots = findTypeRoots();
    const options = toCompilerOptions(ts, roots);
    return { ts, options, roots, cache: createHostCache(ts, options, roots) };
  });
  return {
    async check(artifacts, signal) {
      const result = new Map<string, Diagnostic[]>(artifacts.map((a) => [a.path, []]));
      if (artifacts.length === 0) return result;
      const loaded = await load();
      throwIfAborted(signal);
      const names = new Map<string, string>(artifacts.map((a) => [toScriptFileName(a), a.path]));
      const files = new Map<string, string>(artifacts.map((a) => [toScriptFileName(a), a.content]));
      const { ts, options, cache, roots } = loaded;
      const host = createArtifactHost(ts, options, files, cache, roots);
      const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
      const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((d) =>
        toDiagnostic(ts, d),
      );
      for (const [fileName, path] of names) {
        await yieldToEventLoop();
        throwIfAborted(signal);
        const sourceFile = program.getSourceFile(fileName);
        const found = sourceFile
          ? [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
          : [];
        const isJavaScript = /\.[cm]?jsx?$/i.test(fileName);
        result.set(path, [...global, ...found.map((d) => toDiagnostic(ts, d, isJavaScript))]);
      }
      return result;
    },
  };
}

/**
 * Maps a TypeScript diagnostic to ours: 1-based line/column, code `TS2304`, virtual paths made relative.
 * In JavaScript the implicit-`any` family (TS7xxx, e.g. TS7006 on an untyped parameter) is a warning: plain
 * JavaScript has no annotations to give, so those findings are typing gaps rather than defects.
 */
function toDiagnostic(ts: TypeScriptApi, diagnostic: TS.Diagnostic, isJavaScript = false): Diagnostic {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').replaceAll(`${VIRTUAL_ROOT}/`, '');
  const code = `TS${diagnostic.code}`;
  const implicitAny = isJavaScript && diagnostic.code >= 7000 && diagnostic.code < 8000;
  const isError = diagnostic.category === ts.DiagnosticCategory.Error && !implicitAny;
  const position =
    diagnostic.file && diagnostic.start !== undefined
      ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
      : undefined;
  const extra = position ? { code, line: position.line + 1, column: position.character + 1 } : { code };
  return isError ? error('typescript', message, extra) : warning('typescript', message, extra);
}
