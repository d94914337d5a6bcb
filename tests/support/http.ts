import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Logger } from 'pino';
import { parseConfig } from '../../src/core/config.js';
import { createSilentLogger } from '../../src/core/logger.js';
import { createApp, type App, type AppOverrides } from '../../src/server/create-app.js';
import { serveAppOverHttp, type HttpServeOptions, type HttpTransportHandle } from '../../src/server/http/serve-http.js';

/** A freshly built app served over HTTP on a loopback port chosen by the OS. */
export interface HttpFixture {
  app: App;
  handle: HttpTransportHandle;
  close(): Promise<void>;
}

/** Options of {@link startHttpApp}: the `http` section overlays loopback, port 0. */
export interface HttpFixtureOptions extends HttpServeOptions {
  http?: Record<string, unknown>;
  config?: Record<string, unknown>;
  overrides?: AppOverrides;
  logger?: Logger;
}

/** Builds an app and serves it on 127.0.0.1 with an OS-assigned port. Each call builds its own app. */
export async function startHttpApp(options: HttpFixtureOptions = {}): Promise<HttpFixture> {
  const { http, config, overrides, logger, ...serve } = options;
  const store = { data_dir: mkdtempSync(join(tmpdir(), 'moc-http-data-')), ...(config?.store as object | undefined) };
  const parsed = parseConfig({ ...config, store, transport: 'http', http: { host: '127.0.0.1', port: 0, ...http } });
  const app = createApp({ config: parsed, ...(overrides ? { overrides } : {}) });
  const handle = await serveAppOverHttp(app, parsed, logger ?? createSilentLogger(), serve);
  return {
    app,
    handle,
    async close() {
      await handle.close();
      await app.dispose();
    },
  };
}

/** Connects an SDK v2 client over Streamable HTTP (`legacy`: 2025 sessions; `modern`: 2026-07-28 stateless). */
export async function connectHttpClient(
  url: URL,
  options: { mode?: 'legacy' | 'modern'; token?: string } = {},
): Promise<Client> {
  const client = new Client(
    { name: 'http-test-client', version: '1.0.0' },
    { versionNegotiation: { mode: options.mode === 'modern' ? { pin: '2026-07-28' } : 'legacy' } },
  );
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
  return client;
}

/** Connects an SDK v2 client over the legacy HTTP+SSE transport. */
export async function connectSseClient(url: URL, options: { token?: string } = {}): Promise<Client> {
  const client = new Client({ name: 'sse-test-client', version: '1.0.0' });
  const transportOptions = options.token ? { authProvider: { token: () => Promise.resolve(options.token) } } : {};
  await client.connect(new SSEClientTransport(url, transportOptions));
  return client;
}

/**
 * Sends a raw POST with `node:http` (so `Host` can be forged, which `fetch` forbids) and returns status, headers
 * and the parsed body (JSON, or the first SSE `data:` line).
 */
export function postRaw(
  url: URL | string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const out = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') out.set(k, v);
          resolve({ status: res.statusCode ?? 0, headers: out, json: parseBody(Buffer.concat(chunks).toString()) });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function parseBody(text: string): unknown {
  const data = /^data: (.*)$/m.exec(text);
  try {
    return JSON.parse(data ? (data[1] ?? '') : text);
  } catch {
    return text;
  }
}
