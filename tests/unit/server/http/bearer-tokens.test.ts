import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/core/config.js';
import { ConfigError } from '../../../../src/core/errors.js';
import {
  createStaticTokenVerifier,
  loadBearerTokens,
  tokenFingerprint,
} from '../../../../src/server/http/bearer-tokens.js';

const auth = (raw: Record<string, unknown> = {}) => parseConfig({ http: { auth: raw } }).http.auth;
const GOOD = 'a'.repeat(16);

describe('bearer tokens', () => {
  it('reads the token from the default environment variable, or none', async () => {
    expect(await loadBearerTokens(auth(), { env: { MCP_ORCHESTRATOR_TOKEN: ` ${GOOD} ` } })).toEqual([GOOD]);
    expect(await loadBearerTokens(auth(), { env: {} })).toEqual([]);
    expect(await loadBearerTokens(auth({ token_env: 'MY_TOKEN' }), { env: { MY_TOKEN: GOOD } })).toEqual([GOOD]);
  });

  it('reads several tokens from a file, skipping comments and blank lines; the file wins over the env', async () => {
    const file = `# rotated 2026-11\n${GOOD}\n\n${'b'.repeat(20)}\r\n`;
    const tokens = await loadBearerTokens(auth({ token_file: '/secrets/tokens' }), {
      env: { MCP_ORCHESTRATOR_TOKEN: 'c'.repeat(16) },
      readTextFile: (path) => (path === '/secrets/tokens' ? Promise.resolve(file) : Promise.reject(new Error('no'))),
    });
    expect(tokens).toEqual([GOOD, 'b'.repeat(20)]);
  });

  it.each([
    ['a short token', { env: { MCP_ORCHESTRATOR_TOKEN: 'short' } }, {}, /shorter than 16/],
    ['a token with a space', { env: { MCP_ORCHESTRATOR_TOKEN: 'abcdefgh ijklmnopq' } }, {}, /whitespace/],
    [
      'an empty file',
      { env: {}, readTextFile: () => Promise.resolve('# nothing\n') },
      { token_file: '/t' },
      /holds no token/,
    ],
    [
      'an unreadable file',
      { env: {}, readTextFile: () => Promise.reject(new Error('EACCES')) },
      { token_file: '/t' },
      /Cannot read .*EACCES/,
    ],
  ])('refuses %s with a ConfigError', async (_name, sources, raw, pattern) => {
    const failure = loadBearerTokens(auth(raw), sources);
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(pattern);
  });

  it('verifies tokens by value, names the principal by fingerprint and sets an expiry', async () => {
    const verifier = createStaticTokenVerifier([GOOD, 'b'.repeat(20)]);
    const info = await verifier.verifyAccessToken('b'.repeat(20));
    expect(info.clientId).toBe(`token:${tokenFingerprint('b'.repeat(20))}`);
    expect(info.clientId).not.toContain('bbbb');
    expect(info.expiresAt).toBeGreaterThan(Date.now() / 1_000);
    await expect(verifier.verifyAccessToken('a'.repeat(15))).rejects.toThrow(/Invalid bearer token/);
    await expect(verifier.verifyAccessToken(`${GOOD}x`)).rejects.toThrow(/Invalid bearer token/);
    await expect(verifier.verifyAccessToken('')).rejects.toThrow(/Invalid bearer token/);
  });
});
