import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createMcpHandler,
  isInitializeRequest,
  WebStandardStreamableHTTPServerTransport,
  type AuthInfo,
  type McpHttpHandler,
} from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import type { Logger } from '../../core/logger.js';
import type { App } from '../create-app.js';
import { RPC_SERVER_ERROR } from './node-io.js';
import type { SessionEntry, SessionRegistry } from './session-registry.js';

/** Options of {@link createMcpEndpoint}. */
export interface McpEndpointOptions {
  app: App;
  sessions: SessionRegistry;
  bodyLimitBytes: number;
  logger: Logger;
}

/** The `/mcp` route: Streamable HTTP for both protocol eras. */
export interface McpEndpoint {
  handle(req: IncomingMessage, res: ServerResponse, principal: string, authInfo?: AuthInfo): Promise<void>;
  /** Aborts in-flight stateless exchanges (sessions are closed through the registry). */
  close(): Promise<void>;
}

interface StreamableSession extends SessionEntry {
  readonly transport: WebStandardStreamableHTTPServerTransport;
}

/**
 * Composes the SDK's pieces for `/mcp`:
 * - a request carrying `Mcp-Session-Id` goes to that 2025-era session (404 when unknown, expired or opened by
 *   another principal);
 * - a 2025-era `initialize` opens a new stateful session (`WebStandardStreamableHTTPServerTransport` with a random
 *   UUID), so 2025 clients keep server-to-client requests, progress streams and a GET stream;
 * - everything else goes to `createMcpHandler`: stateless 2026-07-28 requests, plus the SDK's stateless fallback
 *   for 2025-era requests sent without a session.
 * The Node adapter (`toNodeHandler`) buffers at most `bodyLimitBytes` (413 past it) and streams SSE answers with
 * backpressure. Every server instance comes from `app.createMcpServer()`.
 */
export function createMcpEndpoint(options: McpEndpointOptions): McpEndpoint {
  const { app, sessions, bodyLimitBytes, logger } = options;
  const onerror = (error: Error): void => logger.debug({ err: error }, 'mcp endpoint error');
  const modern: McpHttpHandler = createMcpHandler(() => app.createMcpServer(), {
    legacy: 'stateless',
    maxRequestBodySize: bodyLimitBytes,
    onerror,
  });

  async function openSession(request: Request, principal: string, authInfo?: AuthInfo): Promise<Response> {
    if (!sessions.tryReserve()) {
      return rpcError(503, 'Too many open sessions: close an idle one or retry later.', { 'retry-after': '5' });
    }
    const server = app.createMcpServer();
    let opened = false;
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: bodyLimitBytes,
      onsessioninitialized: (id) => {
        opened = true;
        const entry: StreamableSession = {
          id,
          kind: 'streamable',
          principal,
          lastSeenMs: Date.now(),
          transport,
          close: () => server.close(),
        };
        sessions.add(entry);
      },
      onsessionclosed: (id) => sessions.remove(id),
    });
    server.server.onclose = () => {
      if (transport.sessionId) sessions.remove(transport.sessionId);
    };
    server.server.onerror = onerror;
    await server.connect(transport);
    try {
      return await transport.handleRequest(request, authInfo ? { authInfo } : {});
    } finally {
      if (!opened) {
        sessions.release();
        await server.close();
      }
    }
  }

  async function route(request: Request, principal: string, authInfo?: AuthInfo): Promise<Response> {
    const sessionId = request.headers.get('mcp-session-id');
    if (sessionId !== null) {
      const entry = sessions.get(sessionId, principal);
      if (!entry || entry.kind !== 'streamable') {
        return rpcError(404, 'Session not found: it expired or was closed; send initialize to start a new one.');
      }
      return (entry as StreamableSession).transport.handleRequest(request, authInfo ? { authInfo } : {});
    }
    if (request.method === 'POST' && (await isInitializeBody(request))) {
      return openSession(request, principal, authInfo);
    }
    return modern.fetch(request, authInfo ? { authInfo } : undefined);
  }

  return {
    handle(req, res, principal, authInfo) {
      const node = toNodeHandler(
        { fetch: (request) => route(request, principal, authInfo) },
        { maxRequestBodySize: bodyLimitBytes, onerror },
      );
      return node(req, res);
    },
    close: () => modern.close(),
  };
}

/** Whether a POST body is a 2025-era `initialize` request (alone or in a batch). Reads a clone of the body. */
async function isInitializeBody(request: Request): Promise<boolean> {
  let body: unknown;
  try {
    body = JSON.parse(await request.clone().text());
  } catch {
    return false;
  }
  return Array.isArray(body) ? body.some((m) => isInitializeRequest(m)) : isInitializeRequest(body);
}

function rpcError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ jsonrpc: '2.0', id: null, error: { code: RPC_SERVER_ERROR, message } }, { status, headers });
}
