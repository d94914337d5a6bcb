import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from '../../../src/bin/parse-args.js';

describe('parseCliArgs', () => {
  it.each([
    [[], { transport: 'stdio', help: false, version: false }],
    [['--transport', 'stdio', '--log-level', 'debug'], { transport: 'stdio', logLevel: 'debug' }],
    [['--workspace', 'out'], { workspace: '/home/u/out' }],
    [['--config', '/etc/orch.json'], { configPath: '/etc/orch.json' }],
    [['--help'], { help: true }],
  ])('parses %j', (argv, expected) => {
    expect(parseCliArgs(argv, '/home/u')).toMatchObject(expected);
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['extra'], /positional/i],
    [['--transport', 'udp'], /--transport must be one of: stdio, http/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--log-level', 'verbose'], /--log-level must be one of/],
    [['--workspace', ' '], /--workspace needs a path/],
    [['--config'], /argument missing/i],
  ])('rejects %j with a one-line usage error', (argv, pattern) => {
    let caught: unknown;
    try {
      parseCliArgs(argv, '/');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CliUsageError);
    expect((caught as Error).message).toMatch(pattern);
    expect((caught as Error).message).not.toContain('\n');
  });
});
