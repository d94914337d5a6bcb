import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type TS from 'typescript';
import type { Diagnostic } from '../../src/contracts/artifact.js';
import { toLineColumn } from './positions.js';

/** The TypeScript module, loaded on first use so importing the code fixer stays cheap. */
export type TypeScriptModule = typeof TS;

/**
 * One long-lived TypeScript language service holding a single in-memory file. Every method takes the file
 * name and its text and installs them first, so calls from concurrent fixes cannot see each other's text.
 * Lib files (and any `node_modules` typings an import reaches) are read from disk once and kept in one
 * DocumentRegistry, so only the first call pays for parsing `lib.es2023` + `lib.dom` (about a second);
 * later calls re-check the one file only.
 */
export interface TsService {
  /** Syntactic then semantic diagnostics of the file. */
  diagnose(fileName: string, code: string): readonly TS.Diagnostic[];
  /** The code fixes TypeScript offers for one diagnostic of the file. */
  codeFixesFor(fileName: string, code: string, diagnostic: TS.Diagnostic): readonly TS.CodeFixAction[];
  /** The combined fix for every diagnostic of the file that `fixId` applies to. */
  combinedFix(fileName: string, code: string, fixId: string): TS.CombinedCodeActions;
  /** The absolute path the in-memory file lives at (for matching `FileTextChanges.fileName`). */
  pathOf(fileName: string): string;
  /** Converts a TypeScript diagnostic of `code` into the contract's {@link Diagnostic}. */
  toDiagnostic(diagnostic: TS.Diagnostic, code: string): Diagnostic;
}

/**
 * Compiler options of the fixer: strict, ES2022 target, ESNext modules with bundler resolution, react-jsx,
 * lib es2023 + dom, JavaScript checked too (allowJs + checkJs). `types: []` keeps global `@types` packages
 * out unless the code imports them, so results do not depend on what else happens to be installed.
 */
function compilerOptions(ts: TypeScriptModule): TS.CompilerOptions {
  return {
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
    resolveJsonModule: true,
    types: [],
  };
}

/** Reads files from disk once per service; misses are remembered too. */
function createDiskCache(ts: TypeScriptModule) {
  const snapshots = new Map<string, TS.IScriptSnapshot | undefined>();
  const kinds = new Map<string, 'file' | 'dir' | 'none'>();
  const kindOf = (path: string): 'file' | 'dir' | 'none' => {
    let kind = kinds.get(path);
    if (kind === undefined) {
      const stat = statSync(path, { throwIfNoEntry: false });
      kind = stat?.isFile() ? 'file' : stat?.isDirectory() ? 'dir' : 'none';
      kinds.set(path, kind);
    }
    return kind;
  };
  const snapshot = (path: string): TS.IScriptSnapshot | undefined => {
    if (!snapshots.has(path)) {
      snapshots.set(
        path,
        kindOf(path) === 'file' ? ts.ScriptSnapshot.fromString(readFileSync(path, 'utf8')) : undefined,
      );
    }
    return snapshots.get(path);
  };
  return { kindOf, snapshot };
}

/** The one in-memory file the host serves; `version` changes whenever name or text does. */
interface CurrentFile {
  path: string;
  text: string;
  version: number;
}

function createHost(ts: TypeScriptModule, virtualDir: string, current: CurrentFile): TS.LanguageServiceHost {
  const options = compilerOptions(ts);
  const disk = createDiskCache(ts);
  const isVirtual = (path: string): boolean => path === current.path;
  return {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [current.path],
    getScriptVersion: (path) => (isVirtual(path) ? String(current.version) : '0'),
    getScriptSnapshot: (path) => (isVirtual(path) ? ts.ScriptSnapshot.fromString(current.text) : disk.snapshot(path)),
    getCurrentDirectory: () => virtualDir,
    getDefaultLibFileName: (opts) => ts.getDefaultLibFilePath(opts),
    fileExists: (path) => isVirtual(path) || (!path.startsWith(virtualDir) && disk.kindOf(path) === 'file'),
    readFile: (path) => {
      if (isVirtual(path)) return current.text;
      const snap = disk.snapshot(path);
      return snap?.getText(0, snap.getLength());
    },
    directoryExists: (path) => path === virtualDir || disk.kindOf(path) === 'dir',
    useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
  };
}

function toContractDiagnostic(ts: TypeScriptModule, diagnostic: TS.Diagnostic, code: string): Diagnostic {
  const out: Diagnostic = {
    source: 'typescript',
    severity: diagnostic.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    code: `TS${diagnostic.code}`,
  };
  if (diagnostic.start !== undefined) Object.assign(out, toLineColumn(code, diagnostic.start));
  return out;
}

/**
 * Creates the service. The in-memory file lives in a `.code-fix` folder beside the `node_modules` that holds
 * `typescript` (nothing is written there), so imports of installed packages (e.g. `react` typings for TSX)
 * resolve as in a project. Files other than the in-memory one are only read, never written.
 */
export async function createTsService(): Promise<TsService> {
  const ts = (await import('typescript')).default;
  const require = createRequire(import.meta.url);
  const projectRoot = dirname(dirname(dirname(dirname(require.resolve('typescript')))));
  const virtualDir = join(projectRoot, '.code-fix');
  const current: CurrentFile = { path: join(virtualDir, 'input.ts'), text: '', version: 0 };
  const install = (fileName: string, code: string): string => {
    const path = join(virtualDir, fileName);
    if (path !== current.path || code !== current.text)
      Object.assign(current, { path, text: code, version: current.version + 1 });
    return path;
  };
  const host = createHost(ts, virtualDir, current);
  const service = ts.createLanguageService(
    host,
    ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, virtualDir),
  );
  const formatOptions = ts.getDefaultFormatCodeSettings('\n');
  const preferences: TS.UserPreferences = { quotePreference: 'auto', importModuleSpecifierEnding: 'js' };
  return {
    pathOf: (fileName) => join(virtualDir, fileName),
    diagnose(fileName, code) {
      const path = install(fileName, code);
      return [...service.getSyntacticDiagnostics(path), ...service.getSemanticDiagnostics(path)];
    },
    codeFixesFor(fileName, code, diagnostic) {
      const path = install(fileName, code);
      const start = diagnostic.start ?? 0;
      return service.getCodeFixesAtPosition(
        path,
        start,
        start + (diagnostic.length ?? 0),
        [diagnostic.code],
        formatOptions,
        preferences,
      );
    },
    combinedFix(fileName, code, fixId) {
      const path = install(fileName, code);
      return service.getCombinedCodeFix({ type: 'file', fileName: path }, fixId, formatOptions, preferences);
    },
    toDiagnostic: (diagnostic, code) => toContractDiagnostic(ts, diagnostic, code),
  };
}
