import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostHeaderValidation, originValidation } from '@modelcontextprotocol/node';
import type { Logger } from '../../core/logger.js';
import type { SseEndpoint } from '../sse/sse-endpoint.js';
import type { Authenticator } from './authenticator.js';
import type { McpEndpoint } from './mcp-endpoint.js';
import {
  remoteAddressOf,
  RPC_INVALID_REQUEST,
  RPC_SERVER_ERROR,
  sendJson,
  sendJsonRpcError,
  writeWebResponse,
} from './node-io.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SessionRegistry } from './session-registry.js';

/** Paths of the HTTP surface. */
export const MCP_PATH = '/mcp';
export const SSE_PATH = '/sse';
export const MESSAGES_PATH = '/messages';
export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';

/** The methods each MCP route accepts; anything else gets 405 with `Allow`. */
const ROUTE_METHODS: Readonly<Record<string, readonly string[]>> = {
  [MCP_PATH]: ['GET', 'POST', 'DELETE'],
  [SSE_PATH]: ['GET'],
  [MESSAGES_PATH]: ['POST'],
};

/** What the request handler needs; all built by `serveAppOverHttp`. */
export interface RequestHandlerDeps {
  allowedHosts: string[];
  allowedOrigins: string[];
  authenticator: Authenticator;
  rateLimiter: RateLimiter;
  sessions: SessionRegistry;
  mcp: McpEndpoint;
  sse: SseEndpoint;
  logger: Logger;
  maxSessions: number;
  bodyLimitBytes: number;
  /** True once shutdown began: `/readyz` answers 503 and new requests are refused. */
  isDraining: () => boolean;
}

/**
 * The pipeline every request goes through, in this order:
 * 1. `Host` and `Origin` checked against the allowlists (SDK guards; 403 on a foreign value — DNS rebinding);
 * 2. health probes (`/healthz`, `/readyz`) and OAuth protected resource metadata, unauthenticated;
 * 3. unknown paths 404, wrong methods 405;
 * 4. bearer authentication (401/403 with `WWW-Authenticate`); failures also spend the caller address's budget;
 * 5. the per-client rate limit (429 with `Retry-After`), keyed by principal, else by remote address;
 * 6. the route: `/mcp`, `GET /sse`, `POST /messages`.
 * Nothing here logs a header value; the principal is a fingerprint, never a token.
 */
export function createRequestHandler(
  deps: RequestHandlerDeps,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const checkHost = hostHeaderValidation(deps.allowedHosts);
  const checkOrigin = originValidation(deps.allowedOrigins);

  return async (req, res) => {
    if (deps.isDraining()) {
      sendJsonRpcError(res, 503, RPC_SERVER_ERROR, 'Server is shutting down: retry shortly.', { connection: 'close' });
      return;
    }
    if (!checkHost(req, res) || !checkOrigin(req, res)) {
      deps.logger.warn(
        { remote: remoteAddressOf(req), host: req.headers.host },
        'http request refused: host or origin',
      );
      return;
    }
    const url = parseUrl(req.url);
    if (!url) {
      sendJsonRpcError(res, 400, RPC_INVALID_REQUEST, 'Malformed request URL.');
      return;
    }
    if (servePublic(req, res, url.pathname, deps)) return;
    const methods = ROUTE_METHODS[url.pathname];
    if (!methods) {
      sendJsonRpcError(
        res,
        404,
        RPC_INVALID_REQUEST,
        `Not found: MCP is served at ${MCP_PATH} (legacy SSE at ${SSE_PATH}).`,
      );
      return;
    }
    if (!methods.includes(req.method ?? '')) {
      sendJsonRpcError(res, 405, RPC_INVALID_REQUEST, 'Method not allowed.', { allow: methods.join(', ') });
      return;
    }
    if (refuseDeclaredOversize(req, res, deps.bodyLimitBytes)) return;
    const remote = remoteAddressOf(req);
    const auth = await deps.authenticator.authenticate(req.headers.authorization);
    if (!auth.ok) {
      deps.logger.info({ remote, path: url.pathname, reason: auth.reason }, 'http request refused: authentication');
      if (!refuseWhenLimited(deps.rateLimiter, `ip:${remote}`, res)) await writeWebResponse(res, auth.response);
      return;
    }
    const clientKey = auth.principal === 'anonymous' ? `ip:${remote}` : auth.principal;
    if (refuseWhenLimited(deps.rateLimiter, clientKey, res)) {
      deps.logger.info({ client: clientKey, path: url.pathname }, 'http request refused: rate limit');
      return;
    }
    if (url.pathname === MCP_PATH) await deps.mcp.handle(req, res, auth.principal, auth.authInfo);
    else if (url.pathname === SSE_PATH) await deps.sse.openStream(res, auth.principal);
    else await deps.sse.postMessage(req, res, url, auth.principal, auth.authInfo);
  };
}

/** Health probes and OAuth metadata: no authentication, no rate limit. Returns true when it answered. */
function servePublic(req: IncomingMessage, res: ServerResponse, pathname: string, deps: RequestHandlerDeps): boolean {
  const metadata = deps.authenticator.protectedResourceMetadata(pathname);
  if (pathname !== HEALTH_PATH && pathname !== READY_PATH && !metadata) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJsonRpcError(res, 405, RPC_INVALID_REQUEST, 'Method not allowed.', { allow: 'GET, HEAD' });
    return true;
  }
  if (metadata) sendJson(res, 200, metadata);
  else if (pathname === HEALTH_PATH) sendJson(res, 200, { status: 'ok' });
  else sendJson(res, 200, { status: 'ready', sessions: deps.sessions.counts(), max_sessions: deps.maxSessions });
  return true;
}

/** Most bytes of a refused body read and discarded so the client can read its 413; past it the socket is cut. */
const OVERSIZE_DRAIN_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Answers 413 when `Content-Length` declares a body over the limit, before authentication or parsing. The body is
 * then read and discarded (up to 16 MiB, else the connection is destroyed) so the client sees the 413 rather than
 * a reset while it is still sending. Returns true when it answered.
 */
function refuseDeclaredOversize(req: IncomingMessage, res: ServerResponse, limitBytes: number): boolean {
  const declared = Number(req.headers['content-length']);
  if (!Number.isFinite(declared) || declared <= limitBytes) return false;
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > OVERSIZE_DRAIN_MAX_BYTES) req.destroy();
  });
  sendJsonRpcError(
    res,
    413,
    RPC_INVALID_REQUEST,
    `Request body of ${declared} bytes is over the ${limitBytes}-byte limit.`,
  );
  return true;
}

/** Spends one request of `key`'s budget; answers 429 with `Retry-After` and returns true when it is empty. */
function refuseWhenLimited(limiter: RateLimiter, key: string, res: ServerResponse): boolean {
  const verdict = limiter.take(key);
  if (verdict.allowed) return false;
  sendJsonRpcError(
    res,
    429,
    RPC_SERVER_ERROR,
    `Rate limit exceeded: retry after ${verdict.retryAfterS} s, or raise http.rate_limit (requests per minute).`,
    { 'retry-after': String(verdict.retryAfterS) },
  );
  return true;
}

function parseUrl(raw: string | undefined): URL | undefined {
  try {
    return new URL(raw ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}
