import { z } from 'zod';

/** Default HTTP bind address: loopback only (PLATFORM.md, security best practices). */
export const DEFAULT_HTTP_HOST = '127.0.0.1';
export const DEFAULT_HTTP_PORT = 3333;
/** Environment variable read for the bearer token unless `http.auth.token_env` names another. */
export const DEFAULT_TOKEN_ENV = 'MCP_ORCHESTRATOR_TOKEN';
/** Default cap on a request body, bytes (the SDK's own default, 4 MiB). */
export const DEFAULT_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
/** Default per-client budget, requests per minute (a token bucket that refills continuously). */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1_200;
/** Default cap on open sessions (Streamable HTTP 2025-era sessions plus legacy SSE connections together). */
export const DEFAULT_MAX_SESSIONS = 1_000;
/** Default time a session may stay without a request before it is closed, ms (10 minutes). */
export const DEFAULT_SESSION_IDLE_MS = 600_000;
/** Default time graceful shutdown waits for running requests before it cancels them, ms. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * OAuth 2.1 resource-server mode (spec 2025-11-25 authorization): tokens are checked by RFC 7662 introspection at
 * the authorization server, must be active, unexpired and issued for `resource_url` (audience check), and the
 * server publishes RFC 9728 protected resource metadata naming `authorization_servers`.
 */
export const OAuthConfigSchema = z
  .object({
    /** This server's public MCP URL (e.g. `https://mcp.example.com/mcp`): the audience tokens must carry. */
    resource_url: z.url({ protocol: /^https?$/ }),
    /** Issuer URLs of the authorization servers clients should use. */
    authorization_servers: z.array(z.url({ protocol: /^https?$/ })).min(1),
    /** The authorization server's RFC 7662 token introspection endpoint. */
    introspection_url: z.url({ protocol: /^https?$/ }),
    /** Client id this server authenticates with at the introspection endpoint (HTTP Basic). */
    client_id: z.string().min(1).optional(),
    /** Environment variable holding the introspection client secret (never the secret itself). */
    client_secret_env: z.string().min(1).optional(),
    /** Scopes every token must carry; a token without them gets 403 `insufficient_scope`. */
    required_scopes: z.array(z.string().min(1)).default([]),
    /** Timeout of one introspection call, ms. */
    introspection_timeout_ms: z.number().int().min(100).max(60_000).default(5_000),
  })
  .strict();
export type OAuthConfig = z.infer<typeof OAuthConfigSchema>;

/** How HTTP clients authenticate. Tokens live in an environment variable or a file, never in the config. */
export const HttpAuthConfigSchema = z
  .object({
    /** Environment variable holding the static bearer token. */
    token_env: z.string().min(1).default(DEFAULT_TOKEN_ENV),
    /** File holding static bearer tokens, one per line (several allow rotation); wins over `token_env`. */
    token_file: z.string().min(1).optional(),
    oauth: OAuthConfigSchema.optional(),
  })
  .strict();
export type HttpAuthConfig = z.infer<typeof HttpAuthConfigSchema>;

/** The `http` section: where and how `--transport http` listens. Owned by the HTTP transport (issue #6). */
export const HttpConfigSchema = z
  .object({
    host: z.string().min(1).default(DEFAULT_HTTP_HOST),
    port: z.number().int().min(0).max(65_535).default(DEFAULT_HTTP_PORT),
    auth: HttpAuthConfigSchema.prefault({}),
    /** Hostnames (no port) accepted in `Host`; absent: loopback names plus the bind address and its interfaces. */
    allowed_hosts: z.array(z.string().min(1)).optional(),
    /** Origin hostnames (no scheme, no port) accepted in `Origin`; absent: loopback only. No `Origin`: allowed. */
    allowed_origins: z.array(z.string().min(1)).optional(),
    body_limit_bytes: z
      .number()
      .int()
      .min(1_024)
      .max(64 * 1024 * 1024)
      .default(DEFAULT_BODY_LIMIT_BYTES),
    /** Requests per minute per client (authenticated principal, else remote address); 0 disables the limit. */
    rate_limit: z.number().int().min(0).max(10_000_000).default(DEFAULT_RATE_LIMIT_PER_MINUTE),
    max_sessions: z.number().int().min(1).max(100_000).default(DEFAULT_MAX_SESSIONS),
    session_idle_ms: z.number().int().min(1_000).max(86_400_000).default(DEFAULT_SESSION_IDLE_MS),
    shutdown_timeout_ms: z.number().int().min(0).max(600_000).default(DEFAULT_SHUTDOWN_TIMEOUT_MS),
  })
  .strict();
export type HttpConfig = z.infer<typeof HttpConfigSchema>;
