import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type ClientCapabilities } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { parseConfig, type Config } from '../../src/core/config.js';
import type { Logger } from '../../src/core/logger.js';
import { createApp, type App, type AppOptions, type AppOverrides } from '../../src/server/create-app.js';

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
  /** Client capabilities to advertise (e.g. `{ sampling: { tools: {} } }` for a scripted sampling client). */
  clientCapabilities?: ClientCapabilities;
  /** Called with the client before it connects, to register request handlers (e.g. `sampling/createMessage`). */
  setupClient?: (client: Client) => void;
  /** Model options of the app (API key, retry backoff). */
  model?: AppOptions['model'];
  logger?: Logger;
}

/**
 * Builds the app with the real parts (plus `overrides`), serves it with the SDK's `serveStdio` entry over
 * `InMemoryTransport.createLinkedPair()` (so the era is chosen exactly as in production), connects an SDK client
 * and returns both. Each call builds its own app: no shared state.
 */
export async function connectInMemory(options: InMemoryOptions = {}): Promise<InMemorySession> {
  // The task store (issue #4) goes to a fresh temp data directory unless the test names one: never the user's.
  const ownDataDir = options.config?.store?.data_dir ? undefined : mkdtempSync(join(tmpdir(), 'moc-data-'));
  const config = ownDataDir
    ? { ...options.config, store: { ...options.config?.store, data_dir: ownDataDir } }
    : (options.config ?? {});
  const app = createApp({
    config: parseConfig(config),
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(options.model ? { model: options.model } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  // The same era-deciding entry as production stdio, over an in-memory transport.
  const served = serveStdio(() => app.createMcpServer(), { transport: serverTransport });
  const client = new Client(
    { name: 'test-client', version: '1.0.0' },
    {
      versionNegotiation: { mode: options.mode ?? 'legacy' },
      ...(options.clientCapabilities ? { capabilities: options.clientCapabilities } : {}),
    },
  );
  options.setupClient?.(client);
  await client.connect(clientTransport);
  return {
    client,
    app,
    async close() {
      await client.close();
      await served.close();
      await app.dispose();
      if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true });
    },
  };
}
