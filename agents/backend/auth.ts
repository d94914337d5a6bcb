import type { Artifact } from '../../src/contracts/artifact.js';
import { API_PATHS } from '../shared/paths.js';

const AUTH_SOURCE = `/**
 * Bearer tokens for the API: compact HS256 JSON Web Tokens signed with a shared secret (RFC 7519 / RFC 7515),
 * built on node:crypto only. The secret comes from the environment (AUTH_SECRET), never from source.
 */
import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ApiRequest, ApiResponse } from './types.js';

/** Claims of a token: subject, issued-at and expiry in seconds since the Unix epoch. */
export interface TokenClaims {
  sub: string;
  iat: number;
  exp: number;
}

const HEADER = encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function encode(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function sign(data: string, secret: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Issues a token for \`subject\` that expires after \`ttlSeconds\`. */
export function signToken(subject: string, secret: string, ttlSeconds = 3600, nowSeconds = nowInSeconds()): string {
  const payload = encode(JSON.stringify({ sub: subject, iat: nowSeconds, exp: nowSeconds + ttlSeconds }));
  return HEADER + '.' + payload + '.' + sign(HEADER + '.' + payload, secret);
}

function parseClaims(json: string): TokenClaims | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { sub, iat, exp } = value as Record<string, unknown>;
  return typeof sub === 'string' && typeof iat === 'number' && typeof exp === 'number' ? { sub, iat, exp } : undefined;
}

/** The claims of a token signed with \`secret\` that has not expired, or undefined. */
export function verifyToken(token: string, secret: string, nowSeconds = nowInSeconds()): TokenClaims | undefined {
  const [header, payload, signature, ...rest] = token.split('.');
  if (header !== HEADER || payload === undefined || signature === undefined || rest.length > 0) return undefined;
  const expected = Buffer.from(sign(header + '.' + payload, secret));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  const claims = parseClaims(Buffer.from(payload, 'base64url').toString('utf8'));
  return claims !== undefined && claims.exp > nowSeconds ? claims : undefined;
}

/** Checks the \`Authorization: Bearer <token>\` header; a 401 ApiError when it is missing or invalid. */
export function authenticate(req: ApiRequest, secret: string): ApiResponse<TokenClaims> {
  const match = /^Bearer\\s+(\\S+)$/i.exec(req.headers['authorization'] ?? '');
  const claims = match?.[1] === undefined ? undefined : verifyToken(match[1], secret);
  if (claims === undefined) {
    return { ok: false, status: 401, body: { code: 'unauthorized', message: 'A valid bearer token is required.' } };
  }
  return { ok: true, status: 200, body: claims };
}
`;

/** Renders `src/api/auth.ts` (HS256 bearer tokens on node:crypto). */
export function renderAuth(): Artifact {
  return { path: API_PATHS.auth, language: 'typescript', kind: 'source', content: AUTH_SOURCE };
}
