import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.js';
import { ConfigError } from '../../../src/core/errors.js';

describe('parseConfig', () => {
  it('fills defaults and freezes the result', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      transport: 'stdio',
      log_level: 'info',
      orchestrator: { max_concurrent_subtasks: 4 },
    });
    expect(Object.isFrozen(config.orchestrator)).toBe(true);
  });

  it.each([
    [{ log_level: 'loud' }, /log_level/],
    [{ orchestrator: { max_concurrent_subtasks: 0 } }, /orchestrator\.max_concurrent_subtasks/],
    [{ unknown_key: 1 }, /unknown_key/],
    [{ orchestrator: { typo: 1 } }, /typo/],
  ])('names the offending field of %j', (raw, pattern) => {
    expect(() => parseConfig(raw)).toThrow(ConfigError);
    expect(() => parseConfig(raw)).toThrow(pattern);
  });
});
