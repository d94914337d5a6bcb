import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/bin/parse-args.js';
import { ConfigSchema } from '../../src/core/config.js';
import { LOG_LEVELS } from '../../src/core/logger.js';

interface Smithery {
  startCommand: {
    type: string;
    configSchema: { properties: Record<string, { enum?: string[] }> };
    commandFunction: string;
    exampleConfig: Record<string, unknown>;
  };
}

describe('smithery.yaml stays in step with the CLI and config schema', () => {
  it('describes only real config fields and produces a command line the CLI accepts', async () => {
    const doc = parse(await readFile(join(import.meta.dirname, '../../smithery.yaml'), 'utf8')) as Smithery;
    const { configSchema, commandFunction, exampleConfig } = doc.startCommand;
    expect(doc.startCommand.type).toBe('stdio');
    const configKeys = Object.keys(ConfigSchema.shape);
    for (const key of Object.keys(configSchema.properties)) expect(configKeys).toContain(key);
    expect(configSchema.properties.log_level?.enum).toEqual([...LOG_LEVELS]);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the file's own function, evaluated as Smithery does
    const factory = new Function(`return (${commandFunction});`) as () => (c: unknown) => {
      command: string;
      args: string[];
    };
    const build = factory();
    for (const config of [exampleConfig, { workspace: '/tmp/w', log_level: 'debug' }]) {
      const { command, args } = build(config);
      expect(command).toBe('node');
      expect(args[0]).toBe('dist/src/bin/cli.js');
      expect(() => parseCliArgs(args.slice(1), '/')).not.toThrow();
    }
  });
});
