import { describe, expect, it } from 'vitest';
import { createSessionRegistry, type SessionEntry } from '../../../../src/server/http/session-registry.js';

function entry(id: string, principal: string, lastSeenMs: number, closed: string[]): SessionEntry {
  return {
    id,
    kind: 'streamable',
    principal,
    lastSeenMs,
    close: () => {
      closed.push(id);
      return Promise.resolve();
    },
  };
}

describe('session registry', () => {
  it('caps sessions (reservations included) and gives reservations back', async () => {
    const registry = createSessionRegistry({ maxSessions: 2, idleMs: 60_000 });
    expect(registry.tryReserve()).toBe(true);
    expect(registry.tryReserve()).toBe(true);
    expect(registry.tryReserve()).toBe(false);
    registry.release();
    expect(registry.tryReserve()).toBe(true);
    await registry.closeAll();
  });

  it('returns a session only to the principal that opened it', async () => {
    const closed: string[] = [];
    const registry = createSessionRegistry({ maxSessions: 10, idleMs: 60_000 });
    registry.tryReserve();
    registry.add(entry('s1', 'token:aaaa', Date.now(), closed));
    expect(registry.get('s1', 'token:aaaa')?.id).toBe('s1');
    expect(registry.get('s1', 'token:bbbb')).toBeUndefined();
    expect(registry.get('s2', 'token:aaaa')).toBeUndefined();
    await registry.closeAll();
    expect(closed).toEqual(['s1']);
  });

  it('closes sessions idle longer than idleMs and keeps the others', async () => {
    const closed: string[] = [];
    const expired: string[] = [];
    const registry = createSessionRegistry({ maxSessions: 10, idleMs: 1_000, onExpired: (s) => expired.push(s.id) });
    registry.tryReserve();
    registry.add(entry('old', 'p', 0, closed));
    registry.tryReserve();
    registry.add(entry('new', 'p', 9_500, closed));
    expect(await registry.sweep(10_000)).toBe(1);
    expect(closed).toEqual(['old']);
    expect(expired).toEqual(['old']);
    expect(registry.size).toBe(1);
    expect(registry.counts()).toEqual({ streamable: 1, sse: 0 });
    await registry.closeAll();
  });
});
