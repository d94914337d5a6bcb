import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readModelApiKey } from '../../src/bin/model-key.js';
import { parseConfig } from '../../src/core/config.js';
import { createLogger, type Logger } from '../../src/core/logger.js';
import {
  chatCompletion,
  startFakeModelServer,
  type FakeModelServer,
  type RecordedRequest,
  type StaticReply,
} from '../support/fake-model-server.js';
import { connectInMemory, type InMemorySession } from '../support/in-memory.js';

const KEY = 'sk-live-e2e-9f8e7d6c5b4a-DO-NOT-LEAK';
const ENV = 'MOC_E2E_MODEL_KEY';

const systemOf = (r: RecordedRequest): string =>
  ((r.body.messages as Array<{ role: string; content: string }> | undefined) ?? []).find((m) => m.role === 'system')
    ?.content ?? '';

/** Answers the planner with a plan built from the reference plan it was shown, the fixer with a candidate. */
function modelReply(r: RecordedRequest): StaticReply {
  const system = systemOf(r);
  const user = (r.body.messages as Array<{ role: string; content: string }>)[1]?.content ?? '';
  if (system.startsWith('You are the planner')) {
    const reference = JSON.parse(/for reference \(improve on it\): (\[.*\])$/m.exec(user)?.[1] ?? '[]') as Array<
      Record<string, unknown>
    >;
    const subtasks = reference.map((s) => ({
      ...s,
      description: `${String(s.title)}.`,
      acceptance_criteria: ['checked'],
    }));
    return chatCompletion(JSON.stringify({ subtasks }), { prompt_tokens: 900, completion_tokens: 300 });
  }
  if (system.startsWith('You fix one source file')) {
    return chatCompletion(JSON.stringify({ candidates: [{ code: 'const total: number = 42;\nexport { total };\n' }] }));
  }
  return { status: 500, body: { error: { message: `upstream failure for key ${KEY}` } } };
}

describe('a configured OpenAI-compatible provider on 127.0.0.1, end to end', () => {
  let server: FakeModelServer;
  let session: InMemorySession;
  let workspace: string;
  let logPath: string;
  let logFd: number;
  let logger: Logger;

  beforeEach(async () => {
    server = await startFakeModelServer();
    workspace = await mkdtemp(join(tmpdir(), 'moc-model-provider-'));
    logPath = join(workspace, 'server.log');
    logFd = openSync(logPath, 'a');
    logger = createLogger('trace', logFd);
  });
  afterEach(async () => {
    await session.close();
    await server.close();
    closeSync(logFd);
    await rm(workspace, { recursive: true, force: true });
  });

  async function connect(model: Record<string, unknown>): Promise<void> {
    const config = parseConfig({
      workspace,
      model: {
        provider: 'openai-compatible',
        base_url: `${server.url}/v1`,
        model: 'fake-gpt',
        api_key_env: ENV,
        ...model,
      },
    });
    const { apiKey } = readModelApiKey(config, { [ENV]: KEY });
    expect(apiKey).toBe(KEY);
    session = await connectInMemory({
      config,
      logger,
      model: { ...(apiKey ? { apiKey } : {}), backoff: { minMs: 5, maxMs: 20 } },
    });
  }

  async function allLogs(): Promise<string> {
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    return readFile(logPath, 'utf8');
  }

  it('plans with the provider, retries 429/5xx, falls back where it fails, and records tokens and cost', async () => {
    await connect({ max_retries: 2, prices: { 'fake-gpt': { input_per_mtok: 2.5, output_per_mtok: 10 } } });
    server.script({ status: 429, body: { error: 'rate limited' }, headers: { 'retry-after': '0' } });
    server.fallback = modelReply;
    const results: unknown[] = [];
    const orchestrated = await session.client.callTool({
      name: 'orchestrate_task',
      arguments: { task: 'Build a REST API to manage tasks with a title and a done flag.' },
    });
    results.push(orchestrated);
    expect(orchestrated.isError).toBeFalsy();
    const result = orchestrated.structuredContent as {
      status: string;
      plan: { subtasks: Array<{ description: string; title: string }> };
      model_usage: Record<string, unknown>;
    };
    expect(result.status).toBe('succeeded');
    expect(result.plan.subtasks.every((s) => s.description === `${s.title}.`)).toBe(true);
    expect(result.model_usage).toMatchObject({ failures: expect.any(Number), fallbacks: expect.any(Number) });
    expect(result.model_usage.fallbacks).toBeGreaterThanOrEqual(1);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);

    const fixed = await session.client.callTool({
      name: 'auto_fix_code',
      arguments: { code: 'const total: number = "42";\nexport { total };\n', language: 'typescript' },
    });
    results.push(fixed);
    expect(fixed.structuredContent).toMatchObject({
      verified: true,
      model_assist: { via: 'provider', model: 'fake-gpt' },
    });

    const status = await session.client.callTool({ name: 'get_system_status', arguments: {} });
    results.push(status);
    const model = (status.structuredContent as { model: Record<string, unknown> }).model as {
      access: { mode: string; model: string };
      calls: number;
      retries: number;
      failures: number;
      fallbacks: number;
      tokens_in: number;
      cost_usd: number | null;
      by_model: Record<string, { tokens_in: number; cost_usd: number | null }>;
    };
    expect(model.access).toMatchObject({ mode: 'provider', model: 'fake-gpt' });
    expect(model.calls).toBeGreaterThanOrEqual(2);
    expect(model.retries).toBeGreaterThanOrEqual(1);
    expect(model.failures).toBeGreaterThanOrEqual(1);
    expect(model.tokens_in).toBeGreaterThanOrEqual(900);
    expect(model.by_model['fake-gpt']?.cost_usd).toBeGreaterThan(0);

    // the key went to the provider, and nowhere else: not in any result, not in the log
    expect(JSON.stringify(results)).not.toContain(KEY);
    const logs = await allLogs();
    expect(logs).toContain('model call failed');
    expect(logs).toContain('[redacted]'); // the provider echoed the key in an error body; it was redacted
    expect(logs).not.toContain(KEY);
  });

  it('a provider that stalls never holds a tool past its deadline: every tool still answers from its engines', async () => {
    await connect({ timeout_ms: 1_000, max_retries: 1 });
    server.fallback = { stall: true };
    const orchestrated = await session.client.callTool({
      name: 'orchestrate_task',
      arguments: { task: 'Build a REST API to manage notes with a title.' },
    });
    expect(orchestrated.isError).toBeFalsy();
    expect((orchestrated.structuredContent as { status: string }).status).toBe('succeeded');
    const usage = (
      orchestrated.structuredContent as { model_usage: { calls: number; failures: number; fallbacks: number } }
    ).model_usage;
    expect(usage).toMatchObject({ calls: 0 });
    expect(usage.failures).toBeGreaterThanOrEqual(1);
    expect(usage.fallbacks).toBe(usage.failures);
    const architecture = await session.client.callTool({
      name: 'generate_architecture',
      arguments: { project_description: 'An internal notes tool for a team of five.' },
    });
    expect(architecture.isError).toBeFalsy();
    expect((architecture.structuredContent as { narrative?: unknown }).narrative).toBeUndefined();
    expect(await allLogs()).not.toContain(KEY);
  });
});
