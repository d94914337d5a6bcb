import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { OAuthError, OAuthErrorCode, type AuthInfo, type OAuthTokenVerifier } from '@modelcontextprotocol/server';
import type { HttpAuthConfig } from '../../core/config-http.js';
import { ConfigError } from '../../core/errors.js';

/** Shortest static token accepted, characters: a guessable token is refused at boot rather than served. */
export const MIN_TOKEN_CHARS = 16;
/** Lifetime stamped on a verified static token's `AuthInfo.expiresAt`, seconds (the SDK requires an expiry). */
const STATIC_TOKEN_TTL_S = 3_600;

/** Where tokens are read from; injectable for tests. */
export interface TokenSources {
  env: NodeJS.ProcessEnv;
  readTextFile?: (path: string) => Promise<string>;
}

/**
 * Reads the static bearer tokens: from `auth.token_file` (one per line, `#` comments and blank lines skipped) when
 * set, else from the environment variable `auth.token_env`. Returns an empty list when neither holds a token.
 *
 * @throws ConfigError when the file cannot be read, holds no token, or a token is shorter than
 *   {@link MIN_TOKEN_CHARS} or contains whitespace.
 */
export async function loadBearerTokens(auth: HttpAuthConfig, sources: TokenSources): Promise<string[]> {
  let tokens: string[];
  if (auth.token_file) {
    let text: string;
    try {
      text = await (sources.readTextFile ?? ((p) => readFile(p, 'utf8')))(auth.token_file);
    } catch (error) {
      throw new ConfigError(`Cannot read http.auth.token_file ${auth.token_file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    tokens = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0 && !line.startsWith('#'));
    if (tokens.length === 0) throw new ConfigError(`http.auth.token_file ${auth.token_file} holds no token.`);
  } else {
    const value = sources.env[auth.token_env]?.trim();
    tokens = value ? [value] : [];
  }
  for (const token of tokens) {
    if (token.length < MIN_TOKEN_CHARS || /\s/.test(token)) {
      throw new ConfigError(
        `A bearer token is shorter than ${MIN_TOKEN_CHARS} characters or contains whitespace: generate one with ` +
          '`openssl rand -hex 32`.',
      );
    }
  }
  return tokens;
}

/** A short, non-reversible name for a token (`sha256` prefix), usable as a principal id and in logs. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

/**
 * A verifier for static tokens. Each presented token is hashed and compared with every configured token's hash
 * with `timingSafeEqual`, all of them every time, so neither the position of a mismatch nor which token matched
 * shows in the timing.
 *
 * @param resource - stamped on the `AuthInfo` so the SDK's audience check (`expectedResource`) accepts static
 *   tokens, which are by definition issued for this server.
 */
export function createStaticTokenVerifier(tokens: readonly string[], resource?: URL): OAuthTokenVerifier {
  const digests = tokens.map((t) => createHash('sha256').update(t).digest());
  return {
    verifyAccessToken(token: string): Promise<AuthInfo> {
      const presented = createHash('sha256').update(token).digest();
      let matched = false;
      for (const digest of digests) matched = timingSafeEqual(presented, digest) || matched;
      if (!matched) return Promise.reject(new OAuthError(OAuthErrorCode.InvalidToken, 'Invalid bearer token'));
      return Promise.resolve({
        token,
        clientId: `token:${tokenFingerprint(token)}`,
        scopes: [],
        expiresAt: Math.floor(Date.now() / 1_000) + STATIC_TOKEN_TTL_S,
        ...(resource ? { resource } : {}),
      });
    },
  };
}
