import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../core/config.js';
import { ConfigError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { createSseEndpoint } from '../sse/sse-endpoint.js';
import type { App } from '../create-app.js';
import type { TransportHandle } from '../serve-stdio.js';
import { createAuthenticator, type Authenticator } from './authenticator.js';
import { isLoopbackHost, resolveAllowedHosts, resolveAllowedOrigins, type HostEnvironment } from './host-policy.js';
import { createMcpEndpoint } from './mcp-endpoint.js';
import { RPC_SERVER_ERROR, sendJsonRpcError } from './node-io.js';
import { createRateLimiter } from './rate-limiter.js';
import { createRequestHandler, MCP_PATH, SSE_PATH } from './request-handler.js';
import { createSessionRegistry } from './session-registry.js';

/**
 * Idle keep-alive sockets are kept this long, ms. Above the 5 s Node default so that a client reusing a socket the
 * server is just closing (an ECONNRESET on a POST, which clients do not retry) becomes rare; MCP clients are
 * long-lived and reconnect cheaply anyway.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Time to receive a request's headers, ms (slow-loris bound); kept above the keep-alive timeout. */
const HEADERS_TIMEOUT_MS = 70_000;
/** Pending-connection queue of the listening socket (a burst of 1,000 clients connecting at once fits). */
const LISTEN_BACKLOG = 2_048;

/** Share of `shutdown_timeout_ms` spent letting running requests finish before they are cancelled. */
const FINISH_SHARE = 0.6;

/** Options of {@link serveAppOverHttp}: secrets read by the caller (the CLI) and test seams. */
export interface HttpServeOptions {
  /** Static bearer tokens (from `loadBearerTokens`); empty or absent: none. */
  tokens?: readonly string[];
  /** The OAuth introspection client secret (from the variable `http.auth.oauth.client_secret_env`). */
  oauthClientSecret?: string;
  /** Used for token introspection; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** The machine's hostname and interfaces, for the `Host` allowlist of a wildcard bind. */
  hostEnvironment?: HostEnvironment;
  /** SSE keep-alive interval, ms (tests shorten it). */
  sseKeepAliveMs?: number;
}

/** A running HTTP transport. */
export interface HttpTransportHandle extends TransportHandle {
  /** The MCP endpoint actually bound, e.g. `http://127.0.0.1:3333/mcp` (the real port when `port` was 0). */
  readonly url: URL;
  /** The legacy SSE endpoint, e.g. `http://127.0.0.1:3333/sse`. */
  readonly sseUrl: URL;
  /** Open sessions and in-flight requests right now. */
  stats(): { sessions: number; inflight: number };
  /** Closes sessions idle longer than `http.session_idle_ms` as of `nowMs` (a timer also does this); returns how many. */
  sweepIdleSessions(nowMs?: number): Promise<number>;
  /**
   * Graceful shutdown: stops accepting connections, lets running requests finish for 60 % of
   * `http.shutdown_timeout_ms`, then cancels the rest through `app.dispose()` and waits out the deadline, closes
   * every session and connection. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Refuses a configuration that would expose the server unauthenticated: listening on anything but loopback
 * requires a bearer token or OAuth (spec 2025-11-25 security best practices).
 *
 * @throws ConfigError naming the host and how to supply a token.
 */
export function assertSecureBinding(
  host: string,
  authenticator: Pick<Authenticator, 'required'>,
  tokenEnv: string,
): void {
  if (isLoopbackHost(host) || authenticator.required) return;
  throw new ConfigError(
    `Refusing to listen on ${host} without authentication: set a bearer token in $${tokenEnv} or ` +
      'http.auth.token_file (or configure http.auth.oauth), or bind 127.0.0.1.',
  );
}

/**
 * Serves the app over HTTP: Streamable HTTP at `/mcp` (2026-07-28 stateless requests and 2025-era sessions),
 * legacy HTTP+SSE at `/sse` + `/messages`, `/healthz`, `/readyz`, and OAuth protected resource metadata when OAuth
 * is configured. Every MCP server instance comes from `app.createMcpServer()`.
 *
 * @throws ConfigError when the binding is insecure (see {@link assertSecureBinding}).
 * @throws Error from `listen` (address in use, permission denied).
 */
export async function serveAppOverHttp(
  app: App,
  config: Readonly<Config>,
  logger: Logger,
  options: HttpServeOptions = {},
): Promise<HttpTransportHandle> {
  const http = config.http;
  const authenticator = createAuthenticator({
    tokens: options.tokens ?? [],
    ...(http.auth.oauth ? { oauth: http.auth.oauth } : {}),
    ...(options.oauthClientSecret !== undefined ? { oauthClientSecret: options.oauthClientSecret } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  assertSecureBinding(http.host, authenticator, http.auth.token_env);
  const sessions = createSessionRegistry({
    maxSessions: http.max_sessions,
    idleMs: http.session_idle_ms,
    onExpired: (s) => logger.info({ session: s.id, kind: s.kind }, 'session expired (idle)'),
  });
  const mcp = createMcpEndpoint({ app, sessions, bodyLimitBytes: http.body_limit_bytes, logger });
  const sse = createSseEndpoint({
    app,
    sessions,
    bodyLimitBytes: http.body_limit_bytes,
    logger,
    ...(options.sseKeepAliveMs !== undefined ? { keepAliveMs: options.sseKeepAliveMs } : {}),
  });
  let draining = false;
  const handler = createRequestHandler({
    allowedHosts: resolveAllowedHosts(http, options.hostEnvironment),
    allowedOrigins: resolveAllowedOrigins(http),
    authenticator,
    rateLimiter: createRateLimiter({ perMinute: http.rate_limit }),
    sessions,
    mcp,
    sse,
    logger,
    maxSessions: http.max_sessions,
    bodyLimitBytes: http.body_limit_bytes,
    isDraining: () => draining,
  });
  const inflight = createInflightTracker();
  const server = createServer((req, res) => {
    inflight.track(req, res);
    handler(req, res).catch((error: unknown) => onHandlerError(error, res, logger));
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.on('clientError', (_error, socket) => socket.destroy());
  const address = await listen(server, http.host, http.port);
  const base = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info({ url: `${base}${MCP_PATH}`, auth: authenticator.required }, 'http transport listening');

  let closing: Promise<void> | undefined;
  return {
    url: new URL(MCP_PATH, base),
    sseUrl: new URL(SSE_PATH, base),
    stats: () => ({ sessions: sessions.size, inflight: inflight.count() }),
    sweepIdleSessions: (nowMs) => sessions.sweep(nowMs),
    close() {
      closing ??= (async () => {
        draining = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const finishMs = http.shutdown_timeout_ms * FINISH_SHARE;
        if (!(await inflight.drained(finishMs))) {
          logger.info({ inflight: inflight.count() }, 'cancelling running requests');
          await app.dispose();
          await inflight.drained(http.shutdown_timeout_ms - finishMs);
        }
        await sessions.closeAll();
        await mcp.close();
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

/** Counts requests whose response has not finished; long-lived GET streams (SSE) are not waited for. */
function createInflightTracker() {
  let count = 0;
  let waiters: Array<() => void> = [];
  return {
    track(req: IncomingMessage, res: ServerResponse): void {
      if (req.method === 'GET') return;
      count += 1;
      res.once('close', () => {
        count -= 1;
        if (count === 0) for (const wake of waiters.splice(0)) wake();
      });
    },
    count: () => count,
    /** Resolves true once nothing is in flight, false when `timeoutMs` passes first. */
    drained(timeoutMs: number): Promise<boolean> {
      if (count === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== wake);
          resolve(false);
        }, timeoutMs);
        const wake = (): void => {
          clearTimeout(timer);
          resolve(true);
        };
        waiters.push(wake);
      });
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, LISTEN_BACKLOG, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function onHandlerError(error: unknown, res: ServerResponse, logger: Logger): void {
  logger.error({ err: error }, 'http request failed');
  if (!res.headersSent) sendJsonRpcError(res, 500, RPC_SERVER_ERROR, 'Internal error; the server logged the details.');
  else res.destroy();
}
