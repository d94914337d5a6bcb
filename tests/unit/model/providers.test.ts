import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelRequest } from '../../../src/contracts/model.js';
import { CancelledError } from '../../../src/core/errors.js';
import { ModelError } from '../../../src/model/errors.js';
import { parseRetryAfter, redact } from '../../../src/model/providers/http.js';
import { toChatMessages } from '../../../src/model/providers/openai-compatible.js';
import { createModelServices, type ModelServices } from '../../../src/model/services.js';
import {
  anthropicMessage,
  chatCompletion,
  startFakeModelServer,
  type FakeModelServer,
} from '../../support/fake-model-server.js';
import { modelConfig } from './fakes.js';

const KEY = 'sk-test-0123456789-SECRET';
const request: ModelRequest = {
  caller: 'planner',
  system: 'You plan.',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Plan a todo API.' }] }],
  maxTokens: 512,
};

function build(server: FakeModelServer, raw: Record<string, unknown> = {}): ModelServices {
  return createModelServices({
    config: modelConfig({ provider: 'openai-compatible', base_url: `${server.url}/v1`, model: 'fake-gpt', ...raw }),
    apiKey: KEY,
    backoff: { minMs: 5, maxMs: 20 },
  });
}

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

describe('providers over real HTTP (a scripted server on 127.0.0.1)', () => {
  let server: FakeModelServer;
  beforeEach(async () => {
    server = await startFakeModelServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('calls an OpenAI-compatible endpoint and records the reported tokens', async () => {
    const model = build(server);
    server.script(chatCompletion('{"ok":true}', { prompt_tokens: 321, completion_tokens: 12 }));
    const answer = await model.scope.run({ taskId: 'task-1' }, () => model.gateway.complete(request));
    expect(answer).toMatchObject({ via: 'provider', model: 'fake-gpt', stopReason: 'end' });
    expect(answer.content).toEqual([{ type: 'text', text: '{"ok":true}' }]);
    const sent = server.requests[0];
    expect(sent?.url).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent?.body).toMatchObject({ model: 'fake-gpt', max_tokens: 512 });
    expect(sent?.body.messages).toEqual([
      { role: 'system', content: 'You plan.' },
      { role: 'user', content: 'Plan a todo API.' },
    ]);
    expect(model.ledger.task('task-1')).toMatchObject({
      calls: 1,
      tokens_in: 321,
      tokens_out: 12,
      estimated_tokens: 0,
    });
  });

  it('maps tool calls both ways', async () => {
    const model = build(server);
    server.script({
      status: 200,
      body: {
        choices: [
          {
            finish_reason: 'tool_calls',
            message: {
              content: null,
              tool_calls: [{ id: 'c1', type: 'function', function: { name: 'srv__read', arguments: '{"path":"a"}' } }],
            },
          },
        ],
      },
    });
    const answer = await model.scope.run({}, () =>
      model.gateway.complete({
        ...request,
        tools: [{ name: 'srv__read', description: 'reads', inputSchema: { type: 'object' } }],
      }),
    );
    expect(answer.stopReason).toBe('tool_use');
    expect(answer.content).toEqual([{ type: 'tool_use', id: 'c1', name: 'srv__read', input: { path: 'a' } }]);
    expect(answer.usage.source).toBe('estimated');
    expect(server.requests[0]?.body.tools).toEqual([
      { type: 'function', function: { name: 'srv__read', description: 'reads', parameters: { type: 'object' } } },
    ]);
    expect(
      toChatMessages('s', [
        { role: 'assistant', content: [{ type: 'tool_use', id: 'c1', name: 't', input: { a: 1 } }] },
        { role: 'user', content: [{ type: 'tool_result', toolUseId: 'c1', text: 'done' }] },
      ]),
    ).toEqual([
      { role: 'system', content: 's' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 't', arguments: '{"a":1}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'done' },
    ]);
  });

  it('retries 429 (honouring Retry-After) and 5xx, then succeeds; retries are in the ledger', async () => {
    const model = build(server, { max_retries: 3 });
    server.script(
      { status: 429, body: { error: 'slow down' }, headers: { 'retry-after': '0' } },
      { status: 500, body: { error: 'boom' } },
      { status: 503, body: { error: 'unavailable' } },
      chatCompletion('fine'),
    );
    const answer = await model.scope.run({ taskId: 't' }, () => model.gateway.complete(request));
    expect(answer.content).toEqual([{ type: 'text', text: 'fine' }]);
    expect(server.requests).toHaveLength(4);
    expect(model.ledger.snapshot()).toMatchObject({ calls: 1, retries: 3, failures: 0 });
  });

  it('gives up after max_retries and records the failure', async () => {
    const model = build(server, { max_retries: 1 });
    server.fallback = { status: 502, body: { error: 'bad gateway' } };
    const error = await failure(model.scope.run({ taskId: 't' }, () => model.gateway.complete(request)));
    expect(error.code).toBe('model_http_error');
    expect(server.requests).toHaveLength(2);
    expect(model.ledger.task('t')).toMatchObject({ calls: 0, failures: 1 });
  });

  it.each([
    [401, { status: 401, body: { error: `invalid key ${KEY}` } }],
    [400, { status: 400, body: { error: 'bad request' } }],
  ])('does not retry HTTP %i and never quotes the key', async (_status, reply) => {
    const model = build(server);
    server.script(reply);
    const error = await failure(model.scope.run({}, () => model.gateway.complete(request)));
    expect(error.code).toBe('model_http_error');
    expect(server.requests).toHaveLength(1);
    expect(JSON.stringify({ message: error.message, data: error.data })).not.toContain(KEY);
  });

  it('stops retrying when Retry-After does not fit the deadline', async () => {
    const model = build(server, { max_retries: 3 });
    server.script({ status: 429, body: {}, headers: { 'retry-after': '120' } });
    const error = await failure(model.scope.run({}, () => model.gateway.complete(request)));
    expect(error.code).toBe('model_rate_limited');
    expect(server.requests).toHaveLength(1);
  });

  it('a stalled provider never holds a call past its deadline', async () => {
    const model = build(server, { timeout_ms: 1_000, max_retries: 5 });
    server.fallback = { stall: true };
    const error = await failure(model.scope.run({ taskId: 't' }, () => model.gateway.complete(request)));
    expect(error.code).toBe('model_timeout');
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
    expect(model.ledger.snapshot().retries).toBeGreaterThanOrEqual(1);
    expect(model.ledger.task('t')?.failures).toBe(1);
  });

  it('a caller abort during a stall is a cancellation, not a failure', async () => {
    const model = build(server);
    server.fallback = { stall: true };
    const controller = new AbortController();
    const pending = model.scope.run({ taskId: 't' }, () =>
      model.gateway.complete(request, { signal: controller.signal }),
    );
    await new Promise<void>((resolve) => {
      const check = (): void => (server.requests.length > 0 ? resolve() : void setImmediate(check));
      check();
    });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(model.ledger.task('t')?.failures ?? 0).toBe(0);
  });

  it('calls the Anthropic Messages API with its headers and retries 529', async () => {
    const model = createModelServices({
      config: modelConfig({ provider: 'anthropic', base_url: server.url, model: 'fake-claude', max_retries: 2 }),
      apiKey: KEY,
      backoff: { minMs: 5, maxMs: 20 },
    });
    server.script(
      { status: 529, body: { type: 'error', error: { type: 'overloaded_error' } } },
      {
        status: 200,
        body: {
          model: 'fake-claude',
          stop_reason: 'tool_use',
          content: [
            { type: 'text', text: 'Let me look.' },
            { type: 'tool_use', id: 'tu1', name: 'srv__search', input: { q: 'x' } },
          ],
          usage: { input_tokens: 50, output_tokens: 9 },
        },
      },
      anthropicMessage('done'),
    );
    const first = await model.scope.run({ taskId: 'a' }, () => model.gateway.complete(request));
    expect(first.stopReason).toBe('tool_use');
    expect(first.content[1]).toEqual({ type: 'tool_use', id: 'tu1', name: 'srv__search', input: { q: 'x' } });
    const sent = server.requests[1];
    expect(sent?.url).toBe('/v1/messages');
    expect(sent?.headers['x-api-key']).toBe(KEY);
    expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent?.body).toMatchObject({ model: 'fake-claude', system: 'You plan.', max_tokens: 512 });
    const second = await model.scope.run({ taskId: 'a' }, () =>
      model.gateway.complete({
        ...request,
        messages: [
          ...request.messages,
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'tool_result', toolUseId: 'tu1', text: 'found', isError: false }] },
        ],
      }),
    );
    expect(second.content).toEqual([{ type: 'text', text: 'done' }]);
    expect((server.requests[2]?.body.messages as unknown[])[2]).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'tu1', content: 'found' }],
    });
    expect(model.ledger.task('a')).toMatchObject({ calls: 2, tokens_in: 150, tokens_out: 29 });
  });

  it.each([
    ['0', 0],
    ['2', 2_000],
    ['soon', undefined],
    [null, undefined],
  ])('reads Retry-After %j as %j ms', (value, ms) => {
    expect(parseRetryAfter(value)).toBe(ms);
  });

  it('redacts the key wherever it appears', () => {
    expect(redact(`a ${KEY} b ${KEY}`, KEY)).toBe('a [redacted] b [redacted]');
    expect(redact('nothing', undefined)).toBe('nothing');
  });
});
