import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_PATH_ENV, loadConfig } from '../../../src/bin/load-config.js';
import { parseCliArgs } from '../../../src/bin/parse-args.js';

describe('loadConfig: --config and MULTI_ORCHESTRATOR_CONFIG', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moc-cfg-'));
    await writeFile(join(dir, 'env.json'), JSON.stringify({ log_level: 'debug', mcpServers: { a: { command: 'x' } } }));
    await writeFile(join(dir, 'flag.json'), JSON.stringify({ log_level: 'warn' }));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.each([
    [[], {}, 'info'],
    [[], { [CONFIG_PATH_ENV]: 'env.json' }, 'debug'],
    [['--config', 'flag.json'], { [CONFIG_PATH_ENV]: 'env.json' }, 'warn'],
    [['--config', 'flag.json'], {}, 'warn'],
  ])('argv %j with env %j gives log_level %s (the flag wins)', async (argv, env, level) => {
    const config = await loadConfig(parseCliArgs(argv, dir), env, dir);
    expect(config.log_level).toBe(level);
  });

  it('passes mcpServers through untouched (each entry is validated by the downstream layer)', async () => {
    const config = await loadConfig(parseCliArgs([], dir), { [CONFIG_PATH_ENV]: join(dir, 'env.json') }, dir);
    expect(config.mcpServers).toEqual({ a: { command: 'x' } });
  });

  it('names the file from the variable when it cannot be read', async () => {
    await expect(loadConfig(parseCliArgs([], dir), { [CONFIG_PATH_ENV]: 'missing.json' }, dir)).rejects.toThrow(
      /Cannot read config file .*missing\.json/,
    );
  });
});
