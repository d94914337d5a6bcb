import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHttpClient, postRaw, startHttpApp, type HttpFixture } from '../support/http.js';

const RESOURCE = 'https://mcp.example.test/mcp';
const CLIENT_SECRET = 'introspection-secret';
const PING = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
const now = (): number => Math.floor(Date.now() / 1_000);

/** What the loopback authorization server says about each token (RFC 7662 answers). */
const TOKENS: Record<string, () => Record<string, unknown>> = {
  good: () => ({ active: true, aud: [RESOURCE], exp: now() + 600, scope: 'mcp read', client_id: 'ide', sub: 'alice' }),
  'other-audience': () => ({ active: true, aud: 'https://other.example.test/mcp', exp: now() + 600, scope: 'mcp' }),
  'no-scope': () => ({ active: true, aud: RESOURCE, exp: now() + 600, scope: 'read' }),
  expired: () => ({ active: true, aud: RESOURCE, exp: now() - 10, scope: 'mcp' }),
  revoked: () => ({ active: false }),
};

describe('OAuth 2.1 resource-server mode (introspection, audience, scopes, metadata)', () => {
  let authServer: Server;
  let introspectionUrl: string;
  const seenAuthorization: string[] = [];
  let fixture: HttpFixture;

  beforeAll(async () => {
    authServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seenAuthorization.push(req.headers.authorization ?? '');
        const token = new URLSearchParams(Buffer.concat(chunks).toString()).get('token') ?? '';
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(TOKENS[token]?.() ?? { active: false }));
      });
    });
    await new Promise<void>((resolve) => authServer.listen(0, '127.0.0.1', resolve));
    introspectionUrl = `http://127.0.0.1:${(authServer.address() as AddressInfo).port}/introspect`;
    fixture = await startHttpApp({
      oauthClientSecret: CLIENT_SECRET,
      http: {
        auth: {
          oauth: {
            resource_url: RESOURCE,
            authorization_servers: ['https://auth.example.test'],
            introspection_url: introspectionUrl,
            client_id: 'mcp-server',
            required_scopes: ['mcp'],
          },
        },
      },
    });
  });
  afterAll(async () => {
    await fixture.close();
    await new Promise((resolve) => authServer.close(resolve));
  });

  it('publishes RFC 9728 protected resource metadata without authentication', async () => {
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      const response = await fetch(new URL(path, fixture.handle.url));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        resource: RESOURCE,
        authorization_servers: ['https://auth.example.test'],
        scopes_supported: ['mcp'],
      });
    }
  });

  it('challenges a request without a token with 401 naming the metadata URL', async () => {
    const result = await postRaw(fixture.handle.url, PING);
    expect(result.status).toBe(401);
    expect(result.headers.get('www-authenticate')).toContain(
      'resource_metadata="https://mcp.example.test/.well-known/oauth-protected-resource/mcp"',
    );
  });

  it.each([
    ['other-audience', 401],
    ['expired', 401],
    ['revoked', 401],
    ['unknown', 401],
    ['no-scope', 403],
  ])('refuses the %s token with %i', async (token, status) => {
    const result = await postRaw(fixture.handle.url, PING, { authorization: `Bearer ${token}` });
    expect(result.status).toBe(status);
  });

  it('serves a client whose token is active, unexpired, for this audience and scoped', async () => {
    const client = await connectHttpClient(fixture.handle.url, { token: 'good' });
    const ping = await client.callTool({ name: 'ping', arguments: {} });
    expect(ping.isError).toBeFalsy();
    await client.close();
    const basic = `Basic ${Buffer.from(`mcp-server:${CLIENT_SECRET}`).toString('base64')}`;
    expect(seenAuthorization.every((h) => h === basic)).toBe(true);
  });
});
