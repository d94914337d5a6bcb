import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { parseConfig, type Config } from '../../src/core/config.js';
import { createApp, type App, type AppOverrides } from '../../src/server/create-app.js';

/** A client connected over an in-memory linked pair to a freshly built app. */
export interface InMemorySession {
  client: Client;
  app: App;
  close(): Promise<void>;
}

/** Options of {@link connectInMemory}. `mode` picks the client's protocol era. */
export interface InMemoryOptions {
  config?: Partial<Config>;
  overrides?: AppOverrides;
  mode?: 'legacy' | 'auto';
}

/**
 * Builds the app with the real parts (plus `overrides`), serves it with the SDK's `serveStdio` entry over
 * `InMemoryTransport.createLinkedPair()` (so the era is chosen exactly as in production), connects an SDK client
 * and returns both. Each call builds its own app: no shared state.
 */
export async function connectInMemory(options: InMemoryOptions = {}): Promise<InMemorySession> {
  const app = createApp({
    config: parseConfig(options.config ?? {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  // The same era-deciding entry as production stdio, over an in-memory transport.
  const served = serveStdio(() => app.createMcpServer(), { transport: serverTransport });
  const client = new Client(
    { name: 'test-client', version: '1.0.0' },
    { versionNegotiation: { mode: options.mode ?? 'legacy' } },
  );
  await client.connect(clientTransport);
  return {
    client,
    app,
    async close() {
      await client.close();
      await served.close();
      await app.dispose();
    },
  };
}
