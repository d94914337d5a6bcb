import { connect } from 'node:net';
import type { Logger } from '../core/logger.js';
import { buildChildEnv, resolveCommand } from './child-env.js';
import type { DownstreamServerSpec } from './config.js';

/** How long the TCP reachability probe of a URL may take, ms. */
const PROBE_TIMEOUT_MS = 2_000;

/** The outcome of checking one entry at start: `ok`, or what is wrong and what was looked at. */
export interface PreflightResult {
  server: string;
  ok: boolean;
  /** `command` or `url`: the field that was checked. */
  field: 'command' | 'url';
  detail: string;
}

/**
 * Start-up checks that need no MCP connection (issue #3: a bad entry is reported at start): each enabled stdio
 * entry's `command` is looked up on the PATH its child will get; each URL's host:port must accept a TCP
 * connection within {@link PROBE_TIMEOUT_MS}. Failures are logged as warnings with the server name and field;
 * nothing is thrown and nothing is spawned.
 */
export async function runPreflight(
  servers: readonly DownstreamServerSpec[],
  logger: Logger,
  signal?: AbortSignal,
): Promise<PreflightResult[]> {
  const results = await Promise.all(servers.filter((s) => !s.disabled).map((s) => checkOne(s, signal)));
  for (const r of results) {
    if (r.ok) logger.debug({ server: r.server, field: r.field }, `downstream preflight ok: ${r.detail}`);
    else logger.warn({ server: r.server, field: r.field }, `downstream preflight failed: ${r.detail}`);
  }
  return results;
}

async function checkOne(spec: DownstreamServerSpec, signal?: AbortSignal): Promise<PreflightResult> {
  if (spec.transport === 'stdio') {
    const env = buildChildEnv(spec.env);
    const found = await resolveCommand(spec.command, env, spec.cwd);
    return found
      ? { server: spec.name, ok: true, field: 'command', detail: `"${spec.command}" is ${found}` }
      : {
          server: spec.name,
          ok: false,
          field: 'command',
          detail: `mcpServers.${spec.name}.command: "${spec.command}" was not found on PATH="${env.PATH ?? ''}"; use an absolute path or set PATH in "env"`,
        };
  }
  const url = new URL(spec.url);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const error = await probeTcp(url.hostname.replace(/^\[|\]$/g, ''), port, signal);
  return error
    ? {
        server: spec.name,
        ok: false,
        field: 'url',
        detail: `mcpServers.${spec.name}.url: ${url.host} is unreachable (${error})`,
      }
    : { server: spec.name, ok: true, field: 'url', detail: `${url.host} accepts connections` };
}

/** Opens and closes one TCP connection. @returns undefined when it connected, else the error code or message. */
function probeTcp(host: string, port: number, signal?: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: PROBE_TIMEOUT_MS });
    const done = (error?: string): void => {
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(error);
    };
    const onAbort = (): void => done('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => done());
    socket.once('timeout', () => done(`no answer within ${PROBE_TIMEOUT_MS} ms`));
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
}
