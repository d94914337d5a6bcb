import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  isJsonContentType,
  parseJSONRPCMessage,
  type AuthInfo,
  type JSONRPCMessage,
} from '@modelcontextprotocol/server';
import type { Logger } from '../../core/logger.js';
import type { App } from '../create-app.js';
import {
  BodyTooLargeError,
  readBody,
  RPC_INVALID_REQUEST,
  RPC_PARSE_ERROR,
  RPC_SERVER_ERROR,
  sendJsonRpcError,
} from '../http/node-io.js';
import type { SessionEntry, SessionRegistry } from '../http/session-registry.js';
import { SseServerTransport } from './sse-server-transport.js';

/** The path clients post to; the `endpoint` event names it with the session id. */
export const SSE_MESSAGES_PATH = '/messages';

/** Options of {@link createSseEndpoint}. */
export interface SseEndpointOptions {
  app: App;
  sessions: SessionRegistry;
  bodyLimitBytes: number;
  logger: Logger;
  keepAliveMs?: number;
}

/** The two legacy HTTP+SSE routes: `GET /sse` opens a stream, `POST /messages?sessionId=` delivers messages. */
export interface SseEndpoint {
  openStream(res: ServerResponse, principal: string): Promise<void>;
  postMessage(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    principal: string,
    authInfo?: AuthInfo,
  ): Promise<void>;
}

interface SseSession extends SessionEntry {
  readonly transport: SseServerTransport;
}

/**
 * Serves old (2024-11-05) clients. Each stream gets its own MCP server instance from `app.createMcpServer()` and a
 * random session id bound to the principal that opened it; it counts against `max_sessions` and is closed after
 * `session_idle_ms` without a POST.
 */
export function createSseEndpoint(options: SseEndpointOptions): SseEndpoint {
  const { app, sessions, bodyLimitBytes, logger } = options;
  return {
    async openStream(res, principal) {
      if (!sessions.tryReserve()) {
        sendJsonRpcError(res, 503, RPC_SERVER_ERROR, 'Too many open sessions: close an idle one or retry later.', {
          'retry-after': '5',
        });
        return;
      }
      const sessionId = randomUUID();
      const transport = new SseServerTransport(res, {
        sessionId,
        endpoint: `${SSE_MESSAGES_PATH}?sessionId=${sessionId}`,
        ...(options.keepAliveMs !== undefined ? { keepAliveMs: options.keepAliveMs } : {}),
      });
      const server = app.createMcpServer();
      const entry: SseSession = {
        id: sessionId,
        kind: 'sse',
        principal,
        lastSeenMs: Date.now(),
        transport,
        close: () => server.close(),
      };
      sessions.add(entry);
      server.server.onclose = () => sessions.remove(sessionId);
      server.server.onerror = (error) => logger.debug({ err: error, sessionId }, 'sse session error');
      try {
        await server.connect(transport);
      } catch (error) {
        sessions.remove(sessionId);
        throw error;
      }
    },

    async postMessage(req, res, url, principal, authInfo) {
      const entry = sessions.get(url.searchParams.get('sessionId') ?? '', principal);
      if (!entry || entry.kind !== 'sse') {
        sendJsonRpcError(res, 404, RPC_SERVER_ERROR, 'Session not found: open a new stream with GET /sse.');
        return;
      }
      if (!isJsonContentType(req.headers['content-type'])) {
        sendJsonRpcError(res, 415, RPC_INVALID_REQUEST, 'Content-Type must be application/json.');
        return;
      }
      const messages = await readMessages(req, res, bodyLimitBytes);
      if (!messages) return;
      (entry as SseSession).transport.deliver(messages, authInfo ? { authInfo } : {});
      res.writeHead(202, { 'content-type': 'text/plain' }).end('Accepted');
    },
  };
}

/** Reads and validates a POST body: one JSON-RPC message or a non-empty batch. Answers 4xx itself on failure. */
async function readMessages(
  req: IncomingMessage,
  res: ServerResponse,
  limitBytes: number,
): Promise<JSONRPCMessage[] | undefined> {
  let raw: unknown;
  try {
    raw = JSON.parse((await readBody(req, limitBytes)).toString('utf8'));
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      sendJsonRpcError(res, 413, RPC_INVALID_REQUEST, `${error.message} Send smaller messages.`, {
        connection: 'close',
      });
    } else {
      sendJsonRpcError(res, 400, RPC_PARSE_ERROR, 'Parse error: the body is not valid JSON.');
    }
    return undefined;
  }
  const items = Array.isArray(raw) ? raw : [raw];
  if (items.length === 0) {
    sendJsonRpcError(res, 400, RPC_INVALID_REQUEST, 'Invalid request: an empty batch.');
    return undefined;
  }
  try {
    return items.map((item) => parseJSONRPCMessage(item));
  } catch {
    sendJsonRpcError(res, 400, RPC_INVALID_REQUEST, 'Invalid request: not a JSON-RPC 2.0 message.');
    return undefined;
  }
}
