import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMalformedMessages } from './malformed-messages.js';
import { readFuzzProfile } from './profile.js';
import { spawnStdioPeer, type StdioPeer } from './stdio-peer.js';

const profile = readFuzzProfile();
/** Every this many messages a real ping must come back before the fuzzer goes on (bounds buffering). */
const PROBE_EVERY = 250;
/** Allowed RSS growth over the run, MB: the largest message (10 MiB) held a few times over plus V8 slack. */
const MAX_RSS_GROWTH_MB = 200;

const rssOf = (reply: { result?: Record<string, unknown> }): number =>
  (reply.result?.structuredContent as { process: { rss_mb: number } }).process.rss_mb;

describe(`stdio under ${profile.malformedMessages} malformed JSON-RPC messages (${profile.name} profile)`, () => {
  let workspace: string;
  let peer: StdioPeer | undefined;
  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'moc-fuzz-stdio-'));
  });
  afterAll(async () => {
    if (peer && peer.child.exitCode === null && peer.child.signalCode === null) peer.child.kill('SIGKILL');
    await rm(workspace, { recursive: true, force: true });
  });

  it('keeps answering ping, keeps memory bounded, writes only JSON-RPC, and exits 0', async () => {
    peer = spawnStdioPeer(['--workspace', workspace, '--data-dir', join(workspace, 'data'), '--log-level', 'warn']);
    const init = await peer.request('initialize', {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'fuzzer', version: '1.0.0' },
    });
    expect(init.result?.serverInfo).toMatchObject({ name: 'multi-orchestrator-mcp' });
    await peer.writeLine(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    // A stored task before the fuzzing, read back after it: no stored task may be lost.
    const seeded = await peer.request('tools/call', {
      name: 'orchestrate_task',
      arguments: { task: 'Fix the CSS so the header stays visible on small screens', wait_ms: 50_000 },
    });
    const seededTask = seeded.result?.structuredContent as { task_id: string; status: string };
    expect(seededTask.status).toBe('succeeded');
    const before = rssOf(await peer.request('tools/call', { name: 'get_system_status', arguments: {} }));

    const categories: Record<string, number> = {};
    let sent = 0;
    for (const message of generateMalformedMessages(profile.malformedMessages, profile.seed)) {
      await peer.writeLine(message.body.replace(/[\r\n]/g, ' '));
      categories[message.category] = (categories[message.category] ?? 0) + 1;
      sent += 1;
      if (sent % PROBE_EVERY === 0) expect((await peer.request('ping')).result).toEqual({});
    }

    expect(sent).toBe(profile.malformedMessages);
    expect((await peer.request('ping')).result).toEqual({});
    const ping = await peer.request('tools/call', { name: 'ping', arguments: {} });
    expect(ping.result?.structuredContent).toMatchObject({ status: 'ok' });
    const after = rssOf(await peer.request('tools/call', { name: 'get_system_status', arguments: {} }));
    console.log(`stdio fuzz: ${sent} messages`, categories, `RSS ${before} → ${after} MB`);
    expect(after - before).toBeLessThan(MAX_RSS_GROWTH_MB);
    const stored = await peer.request('tools/call', {
      name: 'get_task',
      arguments: { task_id: seededTask.task_id, include: ['subtasks'] },
    });
    expect(stored.result?.structuredContent).toMatchObject({ task_id: seededTask.task_id, status: 'succeeded' });
    expect(peer.foreignLines).toEqual([]);
    // each 10 MiB line was dropped by the line guard and answered, instead of closing the connection
    expect(peer.anonymousErrors.get(-32_600) ?? 0).toBeGreaterThanOrEqual(categories['10mb-string'] ?? 0);
    expect(await peer.close()).toBe(0);
  });
});
