import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import type * as TS from 'typescript';
import type { Artifact } from '../../src/contracts/artifact.js';

/** The TypeScript compiler API namespace, as loaded by `import('typescript')`. */
export type TypeScriptApi = typeof TS.default;

/**
 * Root of the virtual file system artifacts live in while they are compiled. It does not exist on disk:
 * paths under it are served from memory only, everything else from the real file system.
 */
export const VIRTUAL_ROOT = '/__artifacts__';

/**
 * Bare module names an artifact may import: node built-ins come from `@types/node` as ambient modules,
 * `react` (and its sub-paths such as `react/jsx-runtime`) from `@types/react`. The agents are told to
 * import nothing else; any other package cannot be checked and is left unresolved (TS2307).
 */
const ALLOWED_PACKAGE = /^react(\/.*)?$/;

/** Where the type packages this package depends on live (found from this module, so src/ and dist/ agree). */
export interface TypeRoots {
  /** `<node_modules>/@types`, holding `node` and `react`. */
  typesDir: string;
  /** A non-existent file in the folder that holds that `node_modules`, used to resolve allowed bare imports. */
  resolveAnchor: string;
}

/** Locates `@types/react` through Node's own resolution; works from the source tree and from `dist/`. */
export function findTypeRoots(): TypeRoots {
  const reactTypes = createRequire(import.meta.url).resolve('@types/react/package.json');
  const typesDir = dirname(dirname(reactTypes));
  const packageRoot = dirname(dirname(typesDir));
  return { typesDir, resolveAnchor: join(packageRoot, '__artifact_resolve_anchor__.ts') };
}

/** Maps an artifact path (POSIX, relative) to its file name under {@link VIRTUAL_ROOT}; `..` cannot leave the root. */
export function toVirtualFileName(path: string): string {
  return posix.join(VIRTUAL_ROOT, posix.normalize(`/${path}`));
}

/** Extensions TypeScript accepts for each script language; a path without one gets the first appended. */
const EXTENSIONS: Record<string, readonly string[]> = {
  typescript: ['.ts', '.mts', '.cts'],
  tsx: ['.tsx'],
  javascript: ['.js', '.mjs', '.cjs', '.jsx'],
};

/** The virtual file name of a script artifact, with an extension TypeScript reads as the artifact's language. */
export function toScriptFileName(artifact: Pick<Artifact, 'path' | 'language'>): string {
  const name = toVirtualFileName(artifact.path);
  const allowed = EXTENSIONS[artifact.language] ?? ['.ts'];
  const lower = name.toLowerCase();
  return allowed.some((ext) => lower.endsWith(ext)) ? name : `${name}${allowed[0] ?? '.ts'}`;
}

/** Long-lived state reused across programs: parsed lib and `node_modules` files, real-file module resolutions. */
export interface HostCache {
  sourceFiles: Map<string, TS.SourceFile>;
  moduleResolution: TS.ModuleResolutionCache;
}

/** Creates the cache once per checker; it lives as long as the checker does. */
export function createHostCache(ts: TypeScriptApi, options: TS.CompilerOptions, roots: TypeRoots): HostCache {
  const canonical = (name: string): string => (ts.sys.useCaseSensitiveFileNames ? name : name.toLowerCase());
  return {
    sourceFiles: new Map(),
    moduleResolution: ts.createModuleResolutionCache(dirname(roots.resolveAnchor), canonical, options),
  };
}

function isVirtual(fileName: string): boolean {
  return fileName === VIRTUAL_ROOT || fileName.startsWith(`${VIRTUAL_ROOT}/`);
}

function cacheKey(fileName: string, options: TS.ScriptTarget | TS.CreateSourceFileOptions): string {
  if (typeof options === 'number') return `${fileName}|${options}`;
  return `${fileName}|${options.languageVersion}|${String(options.impliedNodeFormat)}`;
}

/**
 * A CompilerHost that serves `files` (virtual name → content) from memory and falls back to the real file
 * system for everything else (lib files of the typescript package, `@types/*`). Real files are parsed once
 * and kept in `cache`, so a warm check only parses the artifacts.
 */
export function createArtifactHost(
  ts: TypeScriptApi,
  options: TS.CompilerOptions,
  files: ReadonlyMap<string, string>,
  cache: HostCache,
  roots: TypeRoots,
): TS.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const directoryExists = (name: string): boolean => {
    if (!isVirtual(name)) return ts.sys.directoryExists(name);
    const prefix = name.endsWith('/') ? name : `${name}/`;
    return [...files.keys()].some((file) => file.startsWith(prefix));
  };
  const fileExists = (name: string): boolean => (isVirtual(name) ? files.has(name) : ts.sys.fileExists(name));
  const readFile = (name: string): string | undefined => (isVirtual(name) ? files.get(name) : ts.sys.readFile(name));
  const realpath = (name: string): string => (isVirtual(name) ? name : (ts.sys.realpath?.(name) ?? name));
  return {
    ...host,
    getCurrentDirectory: () => VIRTUAL_ROOT,
    fileExists,
    readFile,
    directoryExists,
    getDirectories: (name) => (isVirtual(name) ? [] : ts.sys.getDirectories(name)),
    realpath,
    writeFile: () => undefined,
    getSourceFile(fileName, languageVersionOrOptions, onError) {
      if (isVirtual(fileName)) {
        const text = files.get(fileName);
        return text === undefined ? undefined : ts.createSourceFile(fileName, text, languageVersionOrOptions, true);
      }
      const key = cacheKey(fileName, languageVersionOrOptions);
      const cached = cache.sourceFiles.get(key);
      if (cached) return cached;
      const parsed = host.getSourceFile(fileName, languageVersionOrOptions, onError);
      if (parsed) cache.sourceFiles.set(key, parsed);
      return parsed;
    },
    resolveModuleNameLiterals(literals, containingFile, redirected, compilerOptions) {
      const moduleHost: TS.ModuleResolutionHost = { fileExists, readFile, directoryExists, realpath };
      return literals.map(({ text }) => {
        if (!isVirtual(containingFile)) {
          return ts.resolveModuleName(
            text,
            containingFile,
            compilerOptions,
            moduleHost,
            cache.moduleResolution,
            redirected,
          );
        }
        if (text.startsWith('.') || text.startsWith('/')) {
          return ts.resolveModuleName(text, containingFile, compilerOptions, moduleHost);
        }
        if (!ALLOWED_PACKAGE.test(text)) return { resolvedModule: undefined };
        return ts.resolveModuleName(text, roots.resolveAnchor, compilerOptions, moduleHost, cache.moduleResolution);
      });
    },
  };
}
