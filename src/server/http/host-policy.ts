import { isIP } from 'node:net';
import { hostname as osHostname, networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { HttpConfig } from '../../core/config-http.js';

/** Hostnames a loopback server answers to, in the SDK's bracketed IPv6 convention. */
export const LOOPBACK_HOSTNAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Whether `host` (a bind address or hostname) is loopback-only: `localhost`, anything in 127.0.0.0/8, or `::1`
 * (bracketed or not). Wildcards (`0.0.0.0`, `::`) and every other address are not.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = stripBrackets(host.trim().toLowerCase());
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** Whether `host` is a wildcard bind address (every interface). */
export function isWildcardHost(host: string): boolean {
  const bare = stripBrackets(host.trim());
  return bare === '0.0.0.0' || bare === '::' || bare === '0:0:0:0:0:0:0:0';
}

/** Formats an address the way a `Host` header carries it: IPv6 in brackets, without a zone id. */
export function toHostHeaderName(address: string): string {
  const bare = stripBrackets(address).split('%')[0] ?? address;
  return isIP(bare) === 6 ? `[${bare.toLowerCase()}]` : bare.toLowerCase();
}

/** Inputs of {@link resolveAllowedHosts}; the machine's names are injectable for tests. */
export interface HostEnvironment {
  interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>;
  hostname?: string;
}

/**
 * The `Host` allowlist (DNS-rebinding protection, spec 2025-11-25 security best practices). Configured
 * `allowed_hosts` win. Otherwise: the loopback names, plus the bind address, plus — for a wildcard bind — the
 * machine's hostname and every interface address, so a request that reached us directly passes and a request for a
 * rebound foreign name does not.
 */
export function resolveAllowedHosts(
  http: Pick<HttpConfig, 'host' | 'allowed_hosts'>,
  env: HostEnvironment = {},
): string[] {
  if (http.allowed_hosts) return http.allowed_hosts.map(toHostHeaderName);
  const names = new Set<string>(LOOPBACK_HOSTNAMES);
  if (isWildcardHost(http.host)) {
    names.add((env.hostname ?? osHostname()).toLowerCase());
    for (const list of Object.values(env.interfaces ?? networkInterfaces())) {
      for (const info of list ?? []) names.add(toHostHeaderName(info.address));
    }
  } else {
    names.add(toHostHeaderName(http.host));
  }
  return [...names];
}

/** The `Origin` allowlist: configured `allowed_origins`, else loopback origins only. */
export function resolveAllowedOrigins(http: Pick<HttpConfig, 'allowed_origins'>): string[] {
  return http.allowed_origins ? http.allowed_origins.map((o) => o.toLowerCase()) : [...LOOPBACK_HOSTNAMES];
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
