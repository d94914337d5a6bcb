import { access, constants, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * Variables a stdio child inherits from this process, by name. The SDK's default passes only PATH, HOME, LOGNAME,
 * SHELL, TERM and USER, which breaks `npx` behind a proxy, custom CA bundles, locale-dependent tools and temp dirs;
 * anything else (tokens, keys) reaches a child only when its entry names it in `env`.
 */
export const INHERITED_ENV_VARS: readonly string[] =
  process.platform === 'win32'
    ? [
        'APPDATA',
        'COMSPEC',
        'HOMEDRIVE',
        'HOMEPATH',
        'LOCALAPPDATA',
        'PATH',
        'PATHEXT',
        'PROCESSOR_ARCHITECTURE',
        'PROGRAMDATA',
        'PROGRAMFILES',
        'PROGRAMFILES(X86)',
        'PROGRAMW6432',
        'SYSTEMDRIVE',
        'SYSTEMROOT',
        'TEMP',
        'TMP',
        'USERNAME',
        'USERPROFILE',
        'WINDIR',
        'HTTP_PROXY',
        'HTTPS_PROXY',
        'NO_PROXY',
        'NODE_EXTRA_CA_CERTS',
      ]
    : [
        'HOME',
        'LOGNAME',
        'PATH',
        'SHELL',
        'TERM',
        'USER',
        'TMPDIR',
        'LANG',
        'LC_ALL',
        'LC_CTYPE',
        'TZ',
        'XDG_CONFIG_HOME',
        'XDG_CACHE_HOME',
        'XDG_DATA_HOME',
        'XDG_RUNTIME_DIR',
        'HTTP_PROXY',
        'HTTPS_PROXY',
        'NO_PROXY',
        'http_proxy',
        'https_proxy',
        'no_proxy',
        'NODE_EXTRA_CA_CERTS',
        'SSL_CERT_FILE',
        'SSL_CERT_DIR',
        'npm_config_cache',
        'npm_config_registry',
      ];

/**
 * Builds a child's environment explicitly: the {@link INHERITED_ENV_VARS} present in `parent`, then the entry's
 * own `env` on top. `${NAME}` and `${NAME:-default}` in an entry value are replaced from `parent` (the Claude Code
 * `.mcp.json` convention), so a secret can stay in the environment rather than the config file.
 * Values starting with `()` (exported shell functions) are never inherited.
 */
export function buildChildEnv(
  entryEnv: Readonly<Record<string, string>>,
  parent: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of INHERITED_ENV_VARS) {
    const value = parent[key];
    if (value !== undefined && !value.startsWith('()')) env[key] = value;
  }
  for (const [key, value] of Object.entries(entryEnv)) env[key] = expandVariables(value, parent);
  return env;
}

/** Replaces `${NAME}` / `${NAME:-default}` with `parent[NAME]` (empty when unset and no default). */
export function expandVariables(value: string, parent: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_match, name: string, fallback?: string) => {
    const found = parent[name];
    return found !== undefined && found !== '' ? found : (fallback ?? '');
  });
}

/**
 * Finds `command` the way `spawn` will: an absolute or relative path as given, else the first executable match on
 * `PATH` (with `PATHEXT` on Windows).
 *
 * @returns the absolute path, or undefined when nothing executable is found.
 */
export async function resolveCommand(
  command: string,
  env: Readonly<Record<string, string>>,
  cwd: string = process.cwd(),
): Promise<string | undefined> {
  if (isAbsolute(command) || command.includes('/') || command.includes('\\')) {
    const candidate = resolve(cwd, command);
    return (await isExecutable(candidate)) ? candidate : undefined;
  }
  const extensions =
    process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)] : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of extensions) {
      const candidate = join(dir, command + ext);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
