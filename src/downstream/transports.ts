import { SSEClientTransport, StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';
import type { Logger } from '../core/logger.js';
import { buildChildEnv } from './child-env.js';
import type { DownstreamServerSpec } from './config.js';
import { ProcessGroupStdioTransport } from './stdio-transport.js';

/** A transport ready for `Client.connect`, and the stdio child behind it (if any). */
export interface CreatedTransport {
  transport: Transport;
  stdio?: ProcessGroupStdioTransport;
}

/**
 * Builds the transport of one configured server: a {@link ProcessGroupStdioTransport} with an explicit
 * environment for `command` entries; Streamable HTTP or legacy SSE with the entry's `headers` on every request for
 * `url` entries. The child's stderr goes to the debug log, one line per record.
 */
export function createTransport(spec: DownstreamServerSpec, logger: Logger): CreatedTransport {
  if (spec.transport === 'stdio') {
    const stdio = new ProcessGroupStdioTransport({
      server: spec.name,
      command: spec.command,
      args: spec.args,
      env: buildChildEnv(spec.env),
      ...(spec.cwd !== undefined ? { cwd: spec.cwd } : {}),
      onStderrLine: (line) => logger.debug({ server: spec.name, stderr: line.slice(0, 500) }, 'downstream stderr'),
    });
    return { transport: stdio, stdio };
  }
  const url = new URL(spec.url);
  const requestInit: RequestInit = { headers: { ...spec.headers } };
  if (spec.transport === 'sse') return { transport: new SSEClientTransport(url, { requestInit }) };
  return { transport: new StreamableHTTPClientTransport(url, { requestInit }) };
}
