import { describe, expect, it } from 'vitest';
import { createAuthenticator, WITHHELD_TOKEN } from '../../../../src/server/http/authenticator.js';
import { assertSecureBinding } from '../../../../src/server/http/serve-http.js';

const TOKEN = 'principal-token-0123456789';

describe('authenticator', () => {
  it('treats every request as the anonymous principal when no token or OAuth is configured', async () => {
    const auth = createAuthenticator({ tokens: [] });
    expect(auth.required).toBe(false);
    expect(await auth.authenticate(undefined)).toEqual({ ok: true, principal: 'anonymous' });
    expect(auth.protectedResourceMetadata('/.well-known/oauth-protected-resource')).toBeUndefined();
  });

  it('hands on AuthInfo with the token withheld, so it can never be forwarded downstream', async () => {
    const outcome = await createAuthenticator({ tokens: [TOKEN] }).authenticate(`Bearer ${TOKEN}`);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.authInfo?.token).toBe(WITHHELD_TOKEN);
    expect(JSON.stringify(outcome)).not.toContain(TOKEN);
    expect(outcome.principal).toMatch(/^token:[0-9a-f]{16}$/);
  });

  it.each([undefined, '', 'Bearer', `Basic ${TOKEN}`, 'Bearer wrong-token-0123456789'])(
    'answers %j with 401 and a Bearer challenge',
    async (header) => {
      const outcome = await createAuthenticator({ tokens: [TOKEN] }).authenticate(header);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.response.status).toBe(401);
      expect(outcome.response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    },
  );

  it.each([
    ['127.0.0.1', false, true],
    ['localhost', false, true],
    ['::1', false, true],
    ['0.0.0.0', false, false],
    ['192.168.1.20', false, false],
    ['0.0.0.0', true, true],
  ])('binding %s with auth=%s is allowed: %s', (host, required, allowed) => {
    const check = () => assertSecureBinding(host, { required }, 'MCP_ORCHESTRATOR_TOKEN');
    if (allowed) expect(check).not.toThrow();
    else
      expect(check).toThrow(
        /Refusing to listen on .* without authentication: set a bearer token in \$MCP_ORCHESTRATOR_TOKEN/,
      );
  });
});
