import { describe, expect, it } from 'vitest';
import { readModelApiKey } from '../../../src/bin/model-key.js';
import { parseConfig } from '../../../src/core/config.js';

describe('readModelApiKey', () => {
  const config = parseConfig({ model: { provider: 'anthropic', model: 'claude', api_key_env: 'MY_KEY' } });
  it.each([
    [{ MY_KEY: 'sk-1' }, { apiKey: 'sk-1' }],
    [{ MY_KEY: '  sk-2  ' }, { apiKey: 'sk-2' }],
    [{ MY_KEY: '' }, {}],
    [{ OTHER: 'x' }, {}],
  ])('reads %j as %j', (env, expected) => {
    expect(readModelApiKey(config, env)).toEqual(expected);
  });

  it('reads nothing when no variable is named', () => {
    expect(readModelApiKey(parseConfig({}), { OPENAI_API_KEY: 'sk' })).toEqual({});
  });
});
