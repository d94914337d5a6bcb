import { describe, expect, it } from 'vitest';
import {
  isLoopbackHost,
  isWildcardHost,
  resolveAllowedHosts,
  resolveAllowedOrigins,
  toHostHeaderName,
} from '../../../../src/server/http/host-policy.js';

describe('host policy', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.5', false],
    ['10.0.0.1', false],
    ['example.com', false],
    ['127.example.com', false],
  ])('isLoopbackHost(%s) is %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it.each([
    ['0.0.0.0', true],
    ['::', true],
    ['[::]', true],
    ['127.0.0.1', false],
  ])('isWildcardHost(%s) is %s', (host, expected) => {
    expect(isWildcardHost(host)).toBe(expected);
  });

  it.each([
    ['fe80::1%eth0', '[fe80::1]'],
    ['::1', '[::1]'],
    ['10.1.2.3', '10.1.2.3'],
    ['Example.COM', 'example.com'],
  ])('toHostHeaderName(%s) is %s', (address, expected) => {
    expect(toHostHeaderName(address)).toBe(expected);
  });

  it('allows loopback names only for a loopback bind', () => {
    expect(resolveAllowedHosts({ host: '127.0.0.1' })).toEqual(['localhost', '127.0.0.1', '[::1]']);
  });

  it('adds the hostname and every interface address for a wildcard bind', () => {
    const allowed = resolveAllowedHosts(
      { host: '0.0.0.0' },
      {
        hostname: 'Build-Box',
        interfaces: {
          eth0: [
            { address: '10.0.0.7', family: 'IPv4' } as never,
            { address: 'fe80::7%eth0', family: 'IPv6' } as never,
          ],
        },
      },
    );
    expect(allowed).toEqual(expect.arrayContaining(['localhost', 'build-box', '10.0.0.7', '[fe80::7]']));
    expect(allowed).not.toContain('evil.example.com');
  });

  it('uses configured lists verbatim (normalised)', () => {
    expect(resolveAllowedHosts({ host: '0.0.0.0', allowed_hosts: ['MCP.example.com'] })).toEqual(['mcp.example.com']);
    expect(resolveAllowedOrigins({ allowed_origins: ['App.example.com'] })).toEqual(['app.example.com']);
    expect(resolveAllowedOrigins({})).toEqual(['localhost', '127.0.0.1', '[::1]']);
  });
});
