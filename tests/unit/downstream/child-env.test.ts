import { describe, expect, it } from 'vitest';
import {
  buildChildEnv,
  expandVariables,
  INHERITED_ENV_VARS,
  resolveCommand,
} from '../../../src/downstream/child-env.js';

describe('buildChildEnv', () => {
  const parent = {
    PATH: '/usr/bin',
    HOME: '/home/u',
    GITHUB_TOKEN: 'secret',
    HTTPS_PROXY: 'http://proxy:3128',
    FN: '() { :; }',
  };

  it('passes the allow-listed variables and nothing else from the parent', () => {
    const env = buildChildEnv({}, { ...parent, SHELL: '() { evil; }' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/u', HTTPS_PROXY: 'http://proxy:3128' });
    expect(INHERITED_ENV_VARS).not.toContain('GITHUB_TOKEN');
  });

  it('puts the entry env on top, expanding ${VAR} and ${VAR:-default} from the parent', () => {
    const env = buildChildEnv(
      { PATH: '/opt/bin', TOKEN: '${GITHUB_TOKEN}', REGION: '${AWS_REGION:-eu-west-1}' },
      parent,
    );
    expect(env).toMatchObject({ PATH: '/opt/bin', TOKEN: 'secret', REGION: 'eu-west-1', HOME: '/home/u' });
  });

  it.each([
    ['plain', 'plain'],
    ['${MISSING}', ''],
    ['a-${HOME}-b', 'a-/home/u-b'],
    ['$HOME', '$HOME'],
  ])('expandVariables(%s) = %s', (input, output) => expect(expandVariables(input, parent)).toBe(output));
});

describe('resolveCommand', () => {
  it('finds an executable on the given PATH, and reports a miss as undefined', async () => {
    const dir = process.execPath.slice(0, process.execPath.lastIndexOf('/'));
    expect(await resolveCommand('node', { PATH: `/nonexistent:${dir}` })).toBe(process.execPath);
    expect(await resolveCommand('node', { PATH: '/nonexistent' })).toBeUndefined();
    expect(await resolveCommand(process.execPath, {})).toBe(process.execPath);
  });
});
