/** One open session: a 2025-era Streamable HTTP session or a legacy SSE connection. */
export interface SessionEntry {
  readonly id: string;
  readonly kind: 'streamable' | 'sse';
  /** The authenticated principal that opened it; only that principal may use it. */
  readonly principal: string;
  lastSeenMs: number;
  /** Closes the transport and its MCP server instance. Must be idempotent. */
  close(): Promise<void>;
}

/** Open sessions with a cap, idle expiry and principal binding. */
export interface SessionRegistry {
  readonly size: number;
  /** Counts of open sessions by kind. */
  counts(): Record<SessionEntry['kind'], number>;
  /** Reserves room for one session being opened; false when `maxSessions` are open or reserved. */
  tryReserve(): boolean;
  /** Gives a reservation back (the session was not opened after all). */
  release(): void;
  /** Registers an opened session, consuming one reservation. */
  add(entry: SessionEntry): void;
  /**
   * The session `id` when it exists and belongs to `principal`, touched as seen; undefined otherwise, so a session
   * id learnt by another principal is worth nothing (it is not an authenticator).
   */
  get(id: string, principal: string): SessionEntry | undefined;
  remove(id: string): void;
  /** Closes sessions idle longer than `idleMs`; returns how many. */
  sweep(nowMs?: number): Promise<number>;
  /** Closes every session and stops the sweep timer. */
  closeAll(): Promise<void>;
}

/** Options of {@link createSessionRegistry}. */
export interface SessionRegistryOptions {
  maxSessions: number;
  idleMs: number;
  /** Reports a session closed by expiry. */
  onExpired?: (entry: SessionEntry) => void;
}

/**
 * Creates the registry and starts its sweep timer (every `min(idleMs / 2, 30 s)`, unref'd so it never keeps the
 * process alive). Memory stays bounded: at most `maxSessions` entries, each dropped after `idleMs` without a
 * request.
 */
export function createSessionRegistry(options: SessionRegistryOptions): SessionRegistry {
  const sessions = new Map<string, SessionEntry>();
  let reserved = 0;

  async function sweep(nowMs = Date.now()): Promise<number> {
    const expired = [...sessions.values()].filter((s) => nowMs - s.lastSeenMs > options.idleMs);
    for (const entry of expired) {
      sessions.delete(entry.id);
      options.onExpired?.(entry);
    }
    await Promise.allSettled(expired.map((e) => e.close()));
    return expired.length;
  }

  const timer = setInterval(() => void sweep(), Math.min(options.idleMs / 2, 30_000));
  timer.unref();

  return {
    get size() {
      return sessions.size;
    },
    counts() {
      const counts = { streamable: 0, sse: 0 };
      for (const s of sessions.values()) counts[s.kind] += 1;
      return counts;
    },
    tryReserve() {
      if (sessions.size + reserved >= options.maxSessions) return false;
      reserved += 1;
      return true;
    },
    release() {
      reserved = Math.max(0, reserved - 1);
    },
    add(entry) {
      reserved = Math.max(0, reserved - 1);
      sessions.set(entry.id, entry);
    },
    get(id, principal) {
      const entry = sessions.get(id);
      if (!entry || entry.principal !== principal) return undefined;
      entry.lastSeenMs = Date.now();
      return entry;
    },
    remove(id) {
      sessions.delete(id);
    },
    sweep,
    async closeAll() {
      clearInterval(timer);
      const all = [...sessions.values()];
      sessions.clear();
      await Promise.allSettled(all.map((e) => e.close()));
    },
  };
}
