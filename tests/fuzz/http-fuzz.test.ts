import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHttpClient } from '../support/http.js';
import { generateMalformedMessages, type MalformedMessage } from './malformed-messages.js';
import { readFuzzProfile } from './profile.js';
import { CLI } from './stdio-peer.js';

const profile = readFuzzProfile();
const CONCURRENCY = 8;
const MAX_RSS_GROWTH_MB = 250;
/** Statuses a malformed request may get; anything else (5xx above all) is a finding. */
const ACCEPTABLE = new Set([200, 202, 400, 404, 405, 406, 413, 415]);

interface Target {
  url: URL;
  headers: Record<string, string>;
}

/** Opens GET /sse, reads the `endpoint` event, and keeps draining the stream until `signal` aborts. */
async function openSseSession(base: URL, signal: AbortSignal): Promise<URL> {
  const response = await fetch(new URL('/sse', base), { signal, headers: { accept: 'text/event-stream' } });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('SSE stream ended before the endpoint event');
    buffer += value;
    const match = /event: endpoint\ndata: (.+)\n/.exec(buffer);
    if (match?.[1]) {
      void (async () => {
        while (!(await reader.read().catch(() => ({ done: true }))).done);
      })();
      return new URL(match[1], base);
    }
  }
}

describe(`HTTP under ${profile.malformedMessages} malformed JSON-RPC messages (${profile.name} profile)`, () => {
  let dir: string;
  /** Servers this file started, killed at the end even when the test failed half-way. */
  const spawned: ChildProcess[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-fuzz-http-'));
  });
  afterAll(async () => {
    for (const child of spawned) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('answers every one with a 4xx or 2xx, then still serves ping with bounded memory', async () => {
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ http: { rate_limit: 0, body_limit_bytes: 4_194_304 } }));
    const child = spawn(
      process.execPath,
      [
        CLI,
        '--transport',
        'http',
        '--port',
        '0',
        '--config',
        config,
        '--workspace',
        dir,
        '--data-dir',
        join(dir, 'data'),
        '--log-level',
        'info',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    spawned.push(child);
    const serverErrors: string[] = [];
    const base = await new Promise<URL>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
      createInterface({ input: child.stderr }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; url?: string; level?: number };
        if (entry.msg === 'http transport listening' && entry.url) resolve(new URL(entry.url));
        if ((entry.level ?? 0) >= 50) serverErrors.push(line.slice(0, 500));
      });
    });
    const session = await connectHttpClient(base);
    const sessionId = (session.transport as unknown as { sessionId: string }).sessionId;
    // A stored task before the fuzzing, read back after it: no stored task may be lost.
    const seeded = await session.callTool({
      name: 'orchestrate_task',
      arguments: { task: 'Fix the CSS so the header stays visible on small screens', wait_ms: 50_000 },
    });
    const seededTask = seeded.structuredContent as { task_id: string; status: string };
    expect(seededTask.status).toBe('succeeded');
    const rssOf = async (): Promise<number> =>
      (
        (await session.callTool({ name: 'get_system_status', arguments: {} })).structuredContent as {
          process: { rss_mb: number };
        }
      ).process.rss_mb;
    const before = await rssOf();
    const sseAbort = new AbortController();
    const messagesUrl = await openSseSession(base, sseAbort.signal);

    const targets: Target[] = [
      { url: base, headers: {} },
      { url: base, headers: { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' } },
      { url: base, headers: { 'mcp-protocol-version': '2026-07-28' } },
      { url: messagesUrl, headers: {} },
    ];
    const statuses: Record<number, number> = {};
    const surprises: string[] = [];
    const messages = generateMalformedMessages(profile.malformedMessages, profile.seed + 1);
    let index = 0;
    const send = async (message: MalformedMessage, i: number): Promise<void> => {
      const target = targets[i % targets.length]!;
      const contentType = i % 97 === 0 ? 'text/plain' : 'application/json';
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': contentType, accept: 'application/json, text/event-stream', ...target.headers },
        body: i % 89 === 0 ? Buffer.from([0xc3, 0x28, 0xff, ...Buffer.from(message.body)]) : message.body,
      });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (!ACCEPTABLE.has(response.status))
        surprises.push(`${response.status} ${message.category} ${message.body.slice(0, 120)}`);
    };
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let next = messages.next(); !next.done; next = messages.next()) await send(next.value, index++);
      }),
    );

    expect(index).toBe(profile.malformedMessages);
    expect(surprises).toEqual([]);
    await expect(session.ping()).resolves.toEqual({});
    const fresh = await connectHttpClient(base, { mode: 'modern' });
    expect((await fresh.callTool({ name: 'ping', arguments: {} })).structuredContent).toMatchObject({ status: 'ok' });
    const stored = await fresh.callTool({ name: 'get_task', arguments: { task_id: seededTask.task_id } });
    expect(stored.structuredContent).toMatchObject({ task_id: seededTask.task_id, status: 'succeeded' });
    const after = await rssOf();
    console.log(`http fuzz: ${index} requests, statuses`, statuses, `RSS ${before} → ${after} MB`);
    expect(after - before).toBeLessThan(MAX_RSS_GROWTH_MB);
    expect(serverErrors).toEqual([]);
    sseAbort.abort();
    await fresh.close();
    await session.close();
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
