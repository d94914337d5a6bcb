import { describe, expect, it } from 'vitest';
import { ConfigSchema, parseConfig } from '../../../src/core/config.js';
import { DEFAULT_TASK_TOKEN_BUDGET, ModelConfigSchema } from '../../../src/core/config-model.js';
import { ConfigError } from '../../../src/core/errors.js';

describe('the model config section', () => {
  it('defaults to no provider, sampling preferred and the documented limits', () => {
    const config = parseConfig({});
    expect(config.model.provider).toBeUndefined();
    expect(config.model.use_sampling).toBe(true);
    expect(config.model.task_token_budget).toBe(DEFAULT_TASK_TOKEN_BUDGET);
    expect(config.model.prices).toEqual({});
    expect(Object.keys(ConfigSchema.shape)).toContain('model');
  });

  it('accepts the issue example and prices per model', () => {
    const model = ModelConfigSchema.parse({
      provider: 'openai-compatible',
      base_url: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1',
      api_key_env: 'OPENAI_API_KEY',
      prices: { 'llama3.1': { input_per_mtok: 0.5, output_per_mtok: 1.5 } },
    });
    expect(model.model).toBe('llama3.1');
    expect(model.prices['llama3.1']?.output_per_mtok).toBe(1.5);
  });

  it.each([
    [{ provider: 'anthropic' }, 'model.model'],
    [{ model: 'gpt-4o' }, 'model.provider'],
    [{ provider: 'openai-compatible', model: 'x', api_key_env: 'sk-not a name' }, 'model.api_key_env'],
    [{ provider: 'openai-compatible', model: 'x', base_url: 'ftp://example.com' }, 'model.base_url'],
    [{ provider: 'openai-compatible', model: 'x', api_key: 'sk-123' }, 'api_key'],
    [{ provider: 'mistral', model: 'x' }, 'model.provider'],
    [{ task_token_budget: 10 }, 'model.task_token_budget'],
  ])('rejects %j naming %s', (model, field) => {
    expect(() => parseConfig({ model })).toThrow(ConfigError);
    expect(() => parseConfig({ model })).toThrow(field);
  });
});
