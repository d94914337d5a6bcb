import { LRUCache } from 'lru-cache';
import type { DownstreamProgress } from '../contracts/downstream.js';
import { raceWithSignal } from '../core/signals.js';

/** Most cached results per server. */
const CACHE_MAX_ENTRIES = 512;
/** Most bytes (UTF-16 characters of the JSON) cached per server. */
const CACHE_MAX_CHARS = 8 * 1024 * 1024;

/** A downstream answer as cached and shared: everything but per-call bookkeeping. */
export interface CachedAnswer {
  server: string;
  content: ReadonlyArray<Readonly<Record<string, unknown>>>;
  structuredContent?: Readonly<Record<string, unknown>>;
  isError: boolean;
  attempts: number;
}

/** A TTL'd LRU of read-only results of one server (lru-cache), bounded by entries and size. */
export type ResultCache = LRUCache<string, CachedAnswer>;

/** Creates the result cache of a server whose `cache_ttl_ms` is > 0. */
export function createResultCache(ttlMs: number): ResultCache {
  return new LRUCache<string, CachedAnswer>({
    max: CACHE_MAX_ENTRIES,
    ttl: ttlMs,
    maxSize: CACHE_MAX_CHARS,
    sizeCalculation: (answer) => Math.max(1, JSON.stringify(answer.content).length),
  });
}

/** The identity of a call: tool name and arguments with object keys sorted, so `{a,b}` and `{b,a}` match. */
export function toCallKey(tool: string, args: unknown): string {
  return `${tool}\u0000${stableStringify(args)}`;
}

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(record[k])}`).join(',')}}`;
}

interface Shared {
  promise: Promise<CachedAnswer>;
  /** The first caller's signal: the downstream request follows it. */
  leaderSignal: AbortSignal | undefined;
  /** Progress listeners of later callers (created on the first join that wants progress). */
  listeners: Array<(progress: DownstreamProgress) => void> | undefined;
}

/**
 * Coalesces identical read-only calls in flight: the first caller (the leader) starts the downstream request with
 * its own signal, later callers share its answer and, when the leader asked for progress, its progress. A later
 * caller may cancel alone. When the leader cancels, the downstream request is cancelled, and each later caller still
 * waiting starts (or joins) a fresh request, so nobody receives someone else's cancellation. The leader's path
 * allocates no controller and no listener set.
 */
export interface Coalescer {
  run(
    key: string,
    start: (
      signal: AbortSignal | undefined,
      onProgress: ((progress: DownstreamProgress) => void) | undefined,
    ) => Promise<CachedAnswer>,
    options: { signal?: AbortSignal | undefined; onProgress?: ((progress: DownstreamProgress) => void) | undefined },
  ): Promise<{ answer: CachedAnswer; joined: boolean }>;
  readonly size: number;
}

/** Creates an empty {@link Coalescer}. */
export function createCoalescer(): Coalescer {
  const inflight = new Map<string, Shared>();
  const coalescer: Coalescer = {
    get size() {
      return inflight.size;
    },
    async run(key, start, options) {
      const existing = inflight.get(key);
      if (existing) return join(existing, key, start, options);
      const { signal, onProgress } = options;
      const entry: Shared = { promise: undefined as never, leaderSignal: signal, listeners: undefined };
      const progress = onProgress
        ? (p: DownstreamProgress): void => {
            onProgress(p);
            entry.listeners?.forEach((l) => l(p));
          }
        : undefined;
      entry.promise = start(signal, progress);
      inflight.set(key, entry);
      try {
        return { answer: await entry.promise, joined: false };
      } finally {
        if (inflight.get(key) === entry) inflight.delete(key);
      }
    },
  };

  async function join(
    entry: Shared,
    key: string,
    start: Parameters<Coalescer['run']>[1],
    options: Parameters<Coalescer['run']>[2],
  ): Promise<{ answer: CachedAnswer; joined: boolean }> {
    const { signal, onProgress } = options;
    if (onProgress) (entry.listeners ??= []).push(onProgress);
    try {
      return { answer: await (signal ? raceWithSignal(entry.promise, signal) : entry.promise), joined: true };
    } catch (error) {
      // The leader cancelled, not us: run again (as a new leader, or joining one that started meanwhile).
      if (entry.leaderSignal?.aborted === true && signal?.aborted !== true) return coalescer.run(key, start, options);
      throw error;
    } finally {
      if (onProgress && entry.listeners) entry.listeners.splice(entry.listeners.indexOf(onProgress), 1);
    }
  }

  return coalescer;
}
