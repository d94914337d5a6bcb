import type { Artifact } from '../../src/contracts/artifact.js';

/** Path of the token tests, written when `src/api/auth.ts` is among the inputs. */
export const AUTH_TEST_PATH = 'tests/auth.test.ts';

/** True when `auth` (the content of src/api/auth.ts) exports what the token tests import. */
export function canTestAuth(auth: string): boolean {
  return ['signToken', 'verifyToken', 'authenticate'].every((name) => auth.includes(`export function ${name}(`));
}

const AUTH_TEST = `/** Tests of the bearer tokens in src/api/auth.ts (node:test). Times are fixed, so no clock is read. */
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import { authenticate, signToken, verifyToken } from '../src/api/auth.js';

const SECRET = 'test-secret-not-for-production';

function requestWith(authorization: string | undefined) {
  return { method: 'GET', path: '/', params: {}, query: {}, headers: { authorization }, body: undefined };
}

describe('bearer tokens', () => {
  it('verifies a token it signed', () => {
    const token = signToken('user-1', SECRET, 60, 1_000);
    assert.deepEqual(verifyToken(token, SECRET, 1_010), { sub: 'user-1', iat: 1_000, exp: 1_060 });
  });

  it('rejects an expired token, another secret and a tampered payload', () => {
    const token = signToken('user-1', SECRET, 60, 1_000);
    assert.equal(verifyToken(token, SECRET, 1_060), undefined);
    assert.equal(verifyToken(token, 'another-secret', 1_010), undefined);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', iat: 1_000, exp: 9_999 })).toString('base64url');
    assert.equal(verifyToken([header, forged, signature].join('.'), SECRET, 1_010), undefined);
  });

  it('answers 401 without a valid Authorization header', () => {
    assert.equal(authenticate(requestWith(undefined), SECRET).status, 401);
    assert.equal(authenticate(requestWith('Bearer not-a-token'), SECRET).status, 401);
    const token = signToken('user-1', SECRET);
    const result = authenticate(requestWith('Bearer ' + token), SECRET);
    assert.ok(result.ok);
    assert.equal(result.body.sub, 'user-1');
  });
});
`;

/** Renders `tests/auth.test.ts`. */
export function renderAuthTest(): Artifact {
  return { path: AUTH_TEST_PATH, language: 'typescript', kind: 'test', content: AUTH_TEST };
}
