import { describe, expect, it } from 'vitest';
import type { ModelRequest, SamplingChannel } from '../../../src/contracts/model.js';
import { CancelledError } from '../../../src/core/errors.js';
import { ModelError } from '../../../src/model/errors.js';
import { createModelServices } from '../../../src/model/services.js';
import { modelConfig, scriptedChannel } from './fakes.js';

const request: ModelRequest = {
  caller: 'fixer',
  system: 'You fix code.',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Fix this.' }] }],
  maxTokens: 400,
};

const providerConfig = { provider: 'openai-compatible', base_url: 'http://127.0.0.1:9/v1', model: 'unused' };

describe('the model gateway chooses per call', () => {
  it('uses the calling client sampling first, with estimated (labelled) tokens', async () => {
    const model = createModelServices({ config: modelConfig(providerConfig) });
    const channel = scriptedChannel(['hello']);
    const answer = await model.scope.run({ sampling: channel, taskId: 'x' }, async () => {
      expect(model.gateway.access()).toMatchObject({ mode: 'sampling', tools: true });
      return model.gateway.complete(request);
    });
    expect(answer).toMatchObject({
      via: 'sampling',
      model: 'scripted-model',
      content: [{ type: 'text', text: 'hello' }],
    });
    expect(answer.usage.source).toBe('estimated');
    expect(channel.requests[0]).toMatchObject({ systemPrompt: 'You fix code.', maxTokens: 400 });
    expect(model.ledger.task('x')).toMatchObject({
      calls: 1,
      estimated_tokens: answer.usage.inputTokens + answer.usage.outputTokens,
    });
  });

  it.each([
    [{ ...providerConfig, use_sampling: false }, true, 'provider', /disabled by model.use_sampling/],
    [providerConfig, false, 'provider', /client did not advertise sampling/],
    [{}, false, 'none', /no provider is configured/],
    [{}, true, 'sampling', /advertised MCP sampling/],
  ])('config %j, sampling offered %s → %s', (raw, offered, mode, reason) => {
    const model = createModelServices({ config: modelConfig(raw) });
    const binding = offered
      ? { sampling: scriptedChannel([]) }
      : { samplingAbsentReason: 'the calling client did not advertise sampling' };
    const access = model.scope.run(binding, () => model.gateway.access());
    expect(access.mode).toBe(mode);
    expect(access.reason).toMatch(reason);
  });

  it('refuses when there is no model, and when the task budget is spent', async () => {
    const none = createModelServices({ config: modelConfig({}) });
    await expect(none.scope.run({}, () => none.gateway.complete(request))).rejects.toMatchObject({
      code: 'model_unavailable',
    });
    const tight = createModelServices({ config: modelConfig({ task_token_budget: 1_000 }) });
    const channel = scriptedChannel(['a'.repeat(3_000), 'never sent']);
    await tight.scope.run({ sampling: channel, taskId: 'b' }, async () => {
      await tight.gateway.complete({ ...request, maxTokens: 600 });
      await expect(tight.gateway.complete(request)).rejects.toMatchObject({ code: 'model_budget_exceeded' });
    });
    expect(channel.requests).toHaveLength(1);
    expect(tight.ledger.snapshot().budget_refusals).toBe(1);
  });

  it('maps a client refusal to model_failed and a hung client to model_timeout', async () => {
    const model = createModelServices({ config: modelConfig({ timeout_ms: 1_000 }) });
    const refusing = scriptedChannel([new Error('User rejected sampling request')]);
    const error = await model.scope
      .run({ sampling: refusing, taskId: 'r' }, () => model.gateway.complete(request))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe('model_failed');
    const hung: SamplingChannel = {
      supportsTools: false,
      createMessage: (_req, { signal }) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
    };
    await expect(
      model.scope.run({ sampling: hung, taskId: 'r' }, () => model.gateway.complete(request)),
    ).rejects.toMatchObject({
      code: 'model_timeout',
    });
    expect(model.ledger.task('r')?.failures).toBe(2);
  });

  it('a caller abort is a cancellation and is not counted as a failure', async () => {
    const model = createModelServices({ config: modelConfig({}) });
    const controller = new AbortController();
    const hung: SamplingChannel = {
      supportsTools: false,
      createMessage: (_req, { signal }) => {
        controller.abort();
        return new Promise((_resolve, reject) => {
          if (signal.aborted) reject(new Error('aborted'));
        });
      },
    };
    await expect(
      model.scope.run({ sampling: hung, taskId: 'c' }, () =>
        model.gateway.complete(request, { signal: controller.signal }),
      ),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(model.ledger.task('c')?.failures ?? 0).toBe(0);
  });

  it('does not send tools to a client that did not advertise sampling.tools', async () => {
    const model = createModelServices({ config: modelConfig({}) });
    const channel = scriptedChannel(['ok'], { supportsTools: false });
    await model.scope.run({ sampling: channel }, () =>
      model.gateway.complete({ ...request, tools: [{ name: 't', description: 'd', inputSchema: { type: 'object' } }] }),
    );
    expect(channel.requests[0]?.tools).toBeUndefined();
  });
});
