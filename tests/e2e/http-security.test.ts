import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { connectHttpClient, connectSseClient, postRaw, startHttpApp, type HttpFixture } from '../support/http.js';

const TOKEN_A = 'token-a-0123456789abcdef';
const TOKEN_B = 'token-b-0123456789abcdef';
const PING = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('HTTP security defaults', () => {
  let fixture: HttpFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it.each([
    ['/mcp', { origin: 'http://evil.example.com' }],
    ['/mcp', { host: 'evil.example.com' }],
    ['/mcp', { origin: 'null' }],
    ['/messages?sessionId=x', { origin: 'https://attacker.test:3333' }],
    ['/healthz', { host: 'rebound.attacker.test:3333' }],
  ])('refuses %s with foreign %j: 403 (DNS rebinding)', async (path, headers) => {
    fixture = await startHttpApp();
    const result = await postRaw(new URL(path, fixture.handle.url), PING, headers);
    expect(result.status).toBe(403);
    expect(result.json).toMatchObject({ error: { code: -32000 } });
  });

  it.each<Record<string, string>>([
    { origin: 'http://localhost:5173' },
    { origin: 'http://127.0.0.1' },
    { host: 'localhost' },
    {},
  ])('accepts loopback %j', async (headers) => {
    fixture = await startHttpApp();
    const result = await postRaw(fixture.handle.url, PING, headers);
    expect(result.status).toBe(200);
  });

  it('accepts an origin listed in http.allowed_origins', async () => {
    fixture = await startHttpApp({ http: { allowed_origins: ['app.example.com'] } });
    expect((await postRaw(fixture.handle.url, PING, { origin: 'https://app.example.com' })).status).toBe(200);
    expect((await postRaw(fixture.handle.url, PING, { origin: 'http://localhost' })).status).toBe(403);
  });

  it('requires the bearer token when one is configured: 401 with WWW-Authenticate, then accepted', async () => {
    fixture = await startHttpApp({ tokens: [TOKEN_A] });
    for (const headers of [{}, bearer('wrong-token-0123456789'), { authorization: `Basic ${TOKEN_A}` }]) {
      const refused = await postRaw(fixture.handle.url, PING, headers);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    const sse = await fetch(fixture.handle.sseUrl);
    expect(sse.status).toBe(401);
    const client = await connectHttpClient(fixture.handle.url, { token: TOKEN_A });
    expect((await client.callTool({ name: 'ping', arguments: {} })).isError).toBeFalsy();
    await client.close();
    const old = await connectSseClient(fixture.handle.sseUrl, { token: TOKEN_A });
    expect((await old.callTool({ name: 'ping', arguments: {} })).isError).toBeFalsy();
    await old.close();
  });

  it('binds a session to the principal that opened it: another token cannot use the session id', async () => {
    fixture = await startHttpApp({ tokens: [TOKEN_A, TOKEN_B] });
    const opened = await postRaw(fixture.handle.url, INITIALIZE, bearer(TOKEN_A));
    const sessionId = opened.headers.get('mcp-session-id') ?? '';
    expect(sessionId).not.toBe('');
    const stolen = await postRaw(fixture.handle.url, PING, { ...bearer(TOKEN_B), 'mcp-session-id': sessionId });
    expect(stolen.status).toBe(404);
    const own = await postRaw(fixture.handle.url, PING, {
      ...bearer(TOKEN_A),
      'mcp-session-id': sessionId,
      'mcp-protocol-version': '2025-11-25',
    });
    expect(own.status).toBe(200);
  });

  it('refuses bodies over http.body_limit_bytes with 413 on /mcp and /messages', async () => {
    fixture = await startHttpApp({ http: { body_limit_bytes: 2_048 } });
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(10_000) } });
    expect((await postRaw(fixture.handle.url, big)).status).toBe(413);
    const client = await connectSseClient(fixture.handle.sseUrl);
    const transport = client.transport as unknown as { _endpoint: URL };
    expect((await postRaw(transport._endpoint, big)).status).toBe(413);
    await client.close();
  });

  it('limits each client to http.rate_limit requests per minute: 429 with Retry-After', async () => {
    fixture = await startHttpApp({ http: { rate_limit: 5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await postRaw(fixture.handle.url, PING)).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await postRaw(fixture.handle.url, PING);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await fetch(new URL('/healthz', fixture.handle.url))).status).toBe(200);
  });

  it('caps open sessions at http.max_sessions (503) and expires idle ones', async () => {
    fixture = await startHttpApp({ http: { max_sessions: 2, session_idle_ms: 1_000 } });
    const first = await postRaw(fixture.handle.url, INITIALIZE);
    await postRaw(fixture.handle.url, INITIALIZE);
    const third = await postRaw(fixture.handle.url, INITIALIZE);
    expect(third.status).toBe(503);
    expect((await fetch(fixture.handle.sseUrl)).status).toBe(503);
    expect(await fixture.handle.sweepIdleSessions(Date.now() + 5_000)).toBe(2);
    expect(fixture.handle.stats().sessions).toBe(0);
    const expired = await postRaw(fixture.handle.url, PING, {
      'mcp-session-id': first.headers.get('mcp-session-id') ?? '',
    });
    expect(expired.status).toBe(404);
    expect((await postRaw(fixture.handle.url, INITIALIZE)).status).toBe(200);
  });

  it('never writes a bearer token or Authorization header to the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    fixture = await startHttpApp({ tokens: [TOKEN_A], logger: pino({ level: 'trace' }, sink) });
    await postRaw(fixture.handle.url, PING, bearer('an-invalid-secret-token-xyz'));
    const client = await connectHttpClient(fixture.handle.url, { token: TOKEN_A });
    await client.callTool({ name: 'ping', arguments: {} });
    await client.close();
    const log = lines.join('');
    expect(log).toContain('authentication');
    expect(log).not.toContain(TOKEN_A);
    expect(log).not.toContain('an-invalid-secret-token-xyz');
  });
});
