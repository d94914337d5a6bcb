import { createHash } from 'node:crypto';
import { OAuthError, OAuthErrorCode, type AuthInfo, type OAuthTokenVerifier } from '@modelcontextprotocol/server';
import type { OAuthConfig } from '../../core/config-http.js';

/** How long a positive introspection answer is reused, ms (bounded by the token's own expiry). */
const CACHE_TTL_MS = 30_000;
/** Most cached answers kept; the oldest is dropped past it. */
const CACHE_MAX_ENTRIES = 1_024;
/** Largest introspection response read, bytes. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** Options of {@link createIntrospectionVerifier}. */
export interface IntrospectionOptions {
  oauth: OAuthConfig;
  /** The introspection client secret, read by the caller from `oauth.client_secret_env`. */
  clientSecret?: string;
  /** Injectable for tests; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * An OAuth 2.1 resource-server verifier using RFC 7662 token introspection. The answer must say `active: true`;
 * `aud` becomes `AuthInfo.resource` (the value the SDK compares with this server's `resource_url`), `exp` the
 * expiry, `scope` the scopes, `client_id`/`sub` the principal. Each call has `introspection_timeout_ms`.
 * Positive answers are cached for at most 30 s (keyed by a hash of the token, never the token itself).
 *
 * Failures are `OAuthError`s: `invalid_token` (inactive, malformed answer) → 401, `server_error` (the
 * authorization server is unreachable or answered non-2xx) → 500.
 */
export function createIntrospectionVerifier(options: IntrospectionOptions): OAuthTokenVerifier {
  const { oauth } = options;
  const doFetch = options.fetch ?? fetch;
  const cache = new Map<string, { info: AuthInfo; untilMs: number }>();
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (oauth.client_id) {
    const credentials = `${encodeURIComponent(oauth.client_id)}:${encodeURIComponent(options.clientSecret ?? '')}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      const key = createHash('sha256').update(token).digest('hex');
      const hit = cache.get(key);
      if (hit && hit.untilMs > Date.now()) return { ...hit.info, token };
      const info = toAuthInfo(await introspect(doFetch, oauth, headers, token), oauth, token);
      if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
      const untilMs = Math.min(Date.now() + CACHE_TTL_MS, (info.expiresAt ?? 0) * 1_000);
      cache.set(key, { info: { ...info, token: '' }, untilMs });
      return info;
    },
  };
}

async function introspect(
  doFetch: typeof fetch,
  oauth: OAuthConfig,
  headers: Record<string, string>,
  token: string,
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await doFetch(oauth.introspection_url, {
      method: 'POST',
      headers,
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      signal: AbortSignal.timeout(oauth.introspection_timeout_ms),
      redirect: 'error',
    });
  } catch (error) {
    throw new OAuthError(OAuthErrorCode.ServerError, `Token introspection failed: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (!response.ok || text.length > MAX_RESPONSE_BYTES) {
    throw new OAuthError(OAuthErrorCode.ServerError, `Token introspection answered HTTP ${response.status}`);
  }
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through: not JSON
  }
  throw new OAuthError(OAuthErrorCode.ServerError, 'Token introspection answered something other than a JSON object');
}

function toAuthInfo(body: Record<string, unknown>, oauth: OAuthConfig, token: string): AuthInfo {
  if (body.active !== true) throw new OAuthError(OAuthErrorCode.InvalidToken, 'Token is not active');
  const audiences = (Array.isArray(body.aud) ? body.aud : [body.aud]).filter((a): a is string => typeof a === 'string');
  const wanted = stripSlash(oauth.resource_url);
  const audience = audiences.find((a) => stripSlash(a) === wanted) ?? audiences[0];
  const subject = typeof body.sub === 'string' ? body.sub : undefined;
  const clientId = typeof body.client_id === 'string' ? body.client_id : (subject ?? 'unknown-client');
  return {
    token,
    clientId,
    scopes: typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : [],
    ...(typeof body.exp === 'number' ? { expiresAt: body.exp } : {}),
    ...(audience && URL.canParse(audience) ? { resource: new URL(audience) } : {}),
    ...(subject ? { extra: { sub: subject } } : {}),
  };
}

function stripSlash(url: string): string {
  return url.replace(/#.*$/, '').replace(/\/$/, '');
}
