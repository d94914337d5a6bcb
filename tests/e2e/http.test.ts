import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectHttpClient, connectSseClient, postRaw, startHttpApp, type HttpFixture } from '../support/http.js';

const PING = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

describe('HTTP transport: Streamable HTTP (both eras), legacy SSE, health', () => {
  let fixture: HttpFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('serves a 2025-era client in a session: tools, ping, and DELETE ends the session', async () => {
    fixture = await startHttpApp();
    const client = await connectHttpClient(fixture.handle.url);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('orchestrate_task');
    const ping = await client.callTool({ name: 'ping', arguments: {} });
    expect(ping.structuredContent).toMatchObject({ status: 'ok', protocol_version: '2025-11-25' });
    expect(fixture.handle.stats().sessions).toBe(1);
    const transport = client.transport as unknown as { sessionId?: string; terminateSession(): Promise<void> };
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    await transport.terminateSession();
    expect(fixture.handle.stats().sessions).toBe(0);
    await client.close();
  });

  it('serves a stateless 2026-07-28 client without opening a session', async () => {
    fixture = await startHttpApp();
    const client = await connectHttpClient(fixture.handle.url, { mode: 'modern' });
    const ping = await client.callTool({ name: 'ping', arguments: {} });
    expect(ping.structuredContent).toMatchObject({ status: 'ok', protocol_version: '2026-07-28' });
    const status = await client.callTool({ name: 'get_system_status', arguments: {} });
    expect(status.isError).toBeFalsy();
    expect(fixture.handle.stats().sessions).toBe(0);
    await client.close();
  });

  it('serves an old client over HTTP+SSE: endpoint event, POST /messages, message events', async () => {
    fixture = await startHttpApp();
    const client = await connectSseClient(fixture.handle.sseUrl);
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThanOrEqual(6);
    const ping = await client.callTool({ name: 'ping', arguments: {} });
    expect(ping.structuredContent).toMatchObject({ status: 'ok' });
    expect(fixture.handle.stats().sessions).toBe(1);
    await client.close();
    await vi.waitFor(() => expect(fixture?.handle.stats().sessions).toBe(0));
  });

  it('answers the standard protocol ping, logging/setLevel, prompts/list and resources/list', async () => {
    fixture = await startHttpApp();
    const client = await connectHttpClient(fixture.handle.url);
    await expect(client.ping()).resolves.toEqual({});
    await expect(client.setLoggingLevel('info')).resolves.toEqual({});
    expect((await client.listPrompts()).prompts).toBeInstanceOf(Array);
    expect((await client.listResources()).resources).toBeInstanceOf(Array);
    await client.close();
  });

  it('answers /healthz and /readyz without authentication', async () => {
    fixture = await startHttpApp({ tokens: ['a-long-enough-test-token-1'] });
    const health = await fetch(new URL('/healthz', fixture.handle.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(new URL('/readyz', fixture.handle.url));
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      sessions: { streamable: 0, sse: 0 },
      max_sessions: 1000,
    });
  });

  it.each([
    ['/nope', 'GET', 404],
    ['/mcp', 'PUT', 405],
    ['/sse', 'POST', 405],
    ['/messages', 'GET', 405],
    ['/healthz', 'POST', 405],
  ])('answers %s %s with %i', async (path, method, status) => {
    fixture = await startHttpApp();
    const response = await fetch(new URL(path, fixture.handle.url), { method });
    expect(response.status).toBe(status);
    await response.body?.cancel();
  });

  it('refuses unknown session ids with 404 and malformed JSON with a JSON-RPC parse error', async () => {
    fixture = await startHttpApp();
    const unknown = await postRaw(fixture.handle.url, PING, { 'mcp-session-id': 'not-a-session' });
    expect(unknown.status).toBe(404);
    const bad = await postRaw(fixture.handle.url, '{"jsonrpc": "2.0", "id": 1, "method"');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: -32700 } });
    const sse = await postRaw(new URL('/messages?sessionId=nope', fixture.handle.url), PING);
    expect(sse.status).toBe(404);
  });

  it('opens sessions with initialize over raw HTTP and returns a random session id each time', async () => {
    fixture = await startHttpApp();
    const a = await postRaw(fixture.handle.url, INITIALIZE);
    const b = await postRaw(fixture.handle.url, INITIALIZE);
    expect(a.status).toBe(200);
    const ids = [a.headers.get('mcp-session-id'), b.headers.get('mcp-session-id')];
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(fixture.handle.stats().sessions).toBe(2);
  });
});
