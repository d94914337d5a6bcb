import { AGENT_KINDS } from './plan.js';

/**
 * Who is calling a downstream server: one of the four agent kinds, the orchestrator itself (recording decisions,
 * setting up a run folder), or the MCP client through `call_tool`/`find_tools`. A server's `agents` allow-list
 * names principals; absent, every principal may use it.
 */
export const DOWNSTREAM_PRINCIPALS = [...AGENT_KINDS, 'orchestrator', 'client'] as const;
export type DownstreamPrincipal = (typeof DOWNSTREAM_PRINCIPALS)[number];

/** A tool offered by a downstream server, as its `tools/list` described it. Plain JSON: no SDK types. */
export interface DownstreamTool {
  /** The configured server name (the key in `mcpServers`). */
  server: string;
  name: string;
  title?: string;
  description: string;
  /** The tool's JSON Schema for arguments, as the server sent it. */
  inputSchema: Readonly<Record<string, unknown>>;
  /** From `annotations.readOnlyHint`: only these results are cached and coalesced. */
  readOnly: boolean;
  /** From `annotations.idempotentHint` (or read-only): only these are retried after a connection died mid-call. */
  idempotent: boolean;
}

/** One downstream progress notification (`progress` grows; `total` when the server knows it). */
export interface DownstreamProgress {
  progress: number;
  total?: number;
  message?: string;
}

/** Options of a downstream call. */
export interface DownstreamCallOptions {
  /** Aborting it sends `notifications/cancelled` to the server doing the work. */
  signal?: AbortSignal;
  /** Receives the downstream server's progress notifications as they arrive. */
  onProgress?: (progress: DownstreamProgress) => void;
  /** Skip the read-only result cache and coalescing (e.g. reading a file back right after writing it). */
  fresh?: boolean;
}

/**
 * The result of a downstream call: the server's content blocks and `structuredContent` verbatim, its `isError`,
 * and how the pool obtained it. `server` is the server that answered (another member of the group after failover).
 */
export interface DownstreamCallResult {
  server: string;
  tool: string;
  content: ReadonlyArray<Readonly<Record<string, unknown>>>;
  structuredContent?: Readonly<Record<string, unknown>>;
  isError: boolean;
  /** Served from the read-only result cache (no downstream request). */
  cached: boolean;
  /** Shared the answer of an identical read-only call already in flight. */
  coalesced: boolean;
  /** Downstream attempts made (1 without retry or failover; 0 when cached). */
  attempts: number;
  /** Measured wall time of this call, ms. */
  durationMs: number;
}

/**
 * Downstream servers as one principal sees them: only the servers whose allow-list names the principal.
 * Implementations connect lazily and honour every signal.
 */
export interface DownstreamAccess {
  readonly principal: DownstreamPrincipal;
  /** Names of the enabled servers this principal may use, in configuration order. */
  servers(): readonly string[];
  /**
   * Tools of every server this principal may use (connecting those not yet connected). A server that cannot be
   * reached contributes no tools; its state says why.
   * @throws CancelledError when `signal` aborts.
   */
  listTools(options?: { signal?: AbortSignal }): Promise<readonly DownstreamTool[]>;
  /**
   * Calls `tool` on `server` with timeouts, retries of transient failures, the server's circuit breaker,
   * failover inside its `group`, caching and coalescing of read-only calls.
   * @throws OrchestratorError with code `unknown_server` or `unknown_tool` for names that do not exist.
   * @throws DownstreamError with code `downstream_forbidden` when the principal may not use `server`,
   *   `downstream_unavailable`, `downstream_timeout` or `downstream_failed` when no server could answer.
   * @throws CancelledError when `signal` aborts (the downstream request is cancelled too).
   */
  callTool(
    server: string,
    tool: string,
    args: Readonly<Record<string, unknown>>,
    options?: DownstreamCallOptions,
  ): Promise<DownstreamCallResult>;
}

/** Connection state of one configured server. */
export const DOWNSTREAM_STATES = [
  'idle',
  'connecting',
  'connected',
  'backoff',
  'closed',
  'disabled',
  'invalid',
] as const;
export type DownstreamState = (typeof DOWNSTREAM_STATES)[number];

/** Circuit breaker state: `open` refuses calls until its cool-down ends, then one `half_open` probe decides. */
export type BreakerState = 'closed' | 'open' | 'half_open';

/** Measured figures of one configured server, for `get_system_status` and `list_capabilities`. */
export interface DownstreamServerStatus {
  name: string;
  transport: 'stdio' | 'http' | 'sse' | 'unknown';
  state: DownstreamState;
  breaker: BreakerState;
  group?: string;
  /** The principals allowed to use it. */
  agents: readonly DownstreamPrincipal[];
  /** Tool names from the cached `tools/list` (empty until first connected). */
  tools: readonly string[];
  /** Downstream requests sent (attempts) and those that failed (transport error, timeout, protocol error). */
  calls: number;
  errors: number;
  /** Results the server marked `isError` (the server answered; not counted in `errors`). */
  toolErrors: number;
  p50Ms: number;
  p95Ms: number;
  /** Read-only results served from the cache over cacheable calls; `null` before the first cacheable call. */
  cacheHitRate: number | null;
  coalesced: number;
  retries: number;
  failovers: number;
  /** Completed reconnects after a crash or failed health check. */
  restarts: number;
  /** Live processes of the server's process group (stdio; 0 for HTTP/SSE or when not running). */
  liveProcesses: number;
  pid?: number;
  lastError?: string;
}

/** The pool of configured downstream servers, owned by the composition root. */
export interface DownstreamPool {
  /** A view for one principal (the same object for the same principal). */
  access(principal: DownstreamPrincipal): DownstreamAccess;
  /**
   * Figures of every configured server (invalid entries included), in configuration order.
   * @param options.processes - count live processes (reads the process table; default true).
   */
  status(options?: { processes?: boolean }): Promise<readonly DownstreamServerStatus[]>;
  /**
   * Connects every enabled server not yet connected (bounded by `signal`) so its tools are known.
   * Failures are recorded in each server's status, never thrown.
   */
  discover(options?: { signal?: AbortSignal }): Promise<void>;
  /** Closes every connection and kills every spawned process tree. Idempotent. */
  close(): Promise<void>;
}
