import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerIdentity } from '../tools/index.js';

/** The npm package name; also the MCP `serverInfo.name`. */
export const PACKAGE_NAME = 'multi-orchestrator-mcp';

/**
 * Reads name and version from this package's package.json, found by walking up from this module (it sits at
 * `src/server/` in the source tree and `dist/src/server/` when built).
 *
 * @throws Error when no package.json named {@link PACKAGE_NAME} is found above this module.
 */
export function readServerIdentity(): ServerIdentity {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string')
        return { name: PACKAGE_NAME, version: pkg.version };
    } catch {
      // no package.json at this level: keep walking up
    }
    dir = dirname(dir);
  }
  throw new Error(`package.json of ${PACKAGE_NAME} not found above ${fileURLToPath(import.meta.url)}`);
}
