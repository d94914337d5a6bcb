import {
  bearerAuthChallengeResponse,
  getOAuthProtectedResourceMetadataUrl,
  verifyBearerToken,
  type AuthInfo,
  type OAuthTokenVerifier,
} from '@modelcontextprotocol/server';
import type { OAuthConfig } from '../../core/config-http.js';
import { createStaticTokenVerifier } from './bearer-tokens.js';
import { createIntrospectionVerifier } from './oauth-introspection.js';

/** What MCP handlers see instead of the caller's token: the token is never passed on (no token passthrough). */
export const WITHHELD_TOKEN = '[withheld]';

/** The outcome of authenticating one request. */
export type AuthOutcome =
  { ok: true; principal: string; authInfo?: AuthInfo } | { ok: false; response: Response; reason: string };

/** Authenticates HTTP requests; built once per server from the configured tokens and OAuth settings. */
export interface Authenticator {
  /** Whether requests must carry a valid bearer token (static tokens or OAuth configured). */
  readonly required: boolean;
  /** Checks the `Authorization` header. When auth is not required every request is the `anonymous` principal. */
  authenticate(authorization: string | undefined): Promise<AuthOutcome>;
  /** The RFC 9728 protected resource metadata served at `pathname`, or undefined when that path serves none. */
  protectedResourceMetadata(pathname: string): Record<string, unknown> | undefined;
}

/** Options of {@link createAuthenticator}. */
export interface AuthenticatorOptions {
  /** Static bearer tokens (from `loadBearerTokens`). */
  tokens: readonly string[];
  oauth?: OAuthConfig;
  /** The introspection client secret, read by the caller from `oauth.client_secret_env`. */
  oauthClientSecret?: string;
  /** Injectable for tests (the introspection call). */
  fetch?: typeof fetch;
}

/**
 * Builds the request authenticator on the SDK's helpers: `verifyBearerToken` (header parsing, audience check
 * against `oauth.resource_url`, required scopes, expiry) and `bearerAuthChallengeResponse` (401/403 with
 * `WWW-Authenticate: Bearer ... resource_metadata="..."`). Static tokens are tried first (constant time), then
 * introspection when OAuth is configured. The verified `AuthInfo` handed on has its token replaced by
 * {@link WITHHELD_TOKEN}; the principal is `token:<fingerprint>` or the OAuth `client_id` (plus `sub`).
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { oauth } = options;
  const resource = oauth ? new URL(oauth.resource_url) : undefined;
  const verifiers: OAuthTokenVerifier[] = [];
  if (options.tokens.length > 0) verifiers.push(createStaticTokenVerifier(options.tokens, resource));
  if (oauth) {
    verifiers.push(
      createIntrospectionVerifier({
        oauth,
        ...(options.oauthClientSecret !== undefined ? { clientSecret: options.oauthClientSecret } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    );
  }
  const resourceMetadataUrl = resource ? getOAuthProtectedResourceMetadataUrl(resource) : undefined;
  const verifier = chainVerifiers(verifiers);
  const verifyOptions = {
    verifier,
    ...(oauth && oauth.required_scopes.length > 0 ? { requiredScopes: oauth.required_scopes } : {}),
    ...(resourceMetadataUrl ? { resourceMetadataUrl } : {}),
    ...(resource ? { expectedResource: resource } : {}),
  };
  const metadataPaths = resourceMetadataUrl
    ? new Set([new URL(resourceMetadataUrl).pathname, '/.well-known/oauth-protected-resource'])
    : new Set<string>();

  return {
    required: verifiers.length > 0,
    async authenticate(authorization) {
      if (verifiers.length === 0) return { ok: true, principal: 'anonymous' };
      try {
        const info = await verifyBearerToken(authorization, verifyOptions);
        const sub = typeof info.extra?.sub === 'string' ? `/${info.extra.sub}` : '';
        return { ok: true, principal: `${info.clientId}${sub}`, authInfo: { ...info, token: WITHHELD_TOKEN } };
      } catch (error) {
        return {
          ok: false,
          reason: error instanceof Error ? error.message : 'unknown',
          response: bearerAuthChallengeResponse(error, verifyOptions),
        };
      }
    },
    protectedResourceMetadata(pathname) {
      if (!oauth || !metadataPaths.has(pathname)) return undefined;
      return {
        resource: oauth.resource_url,
        authorization_servers: oauth.authorization_servers,
        bearer_methods_supported: ['header'],
        resource_name: 'multi-orchestrator-mcp',
        ...(oauth.required_scopes.length > 0 ? { scopes_supported: oauth.required_scopes } : {}),
      };
    },
  };
}

/** Tries each verifier in turn; the last failure is the one reported. */
function chainVerifiers(verifiers: readonly OAuthTokenVerifier[]): OAuthTokenVerifier {
  return {
    async verifyAccessToken(token) {
      let lastError: unknown = new Error('no verifier configured');
      for (const v of verifiers) {
        try {
          return await v.verifyAccessToken(token);
        } catch (error) {
          lastError = error;
        }
      }
      throw lastError;
    },
  };
}
