import pRetry from 'p-retry';
import type { DownstreamProgress, DownstreamTool } from '../contracts/downstream.js';
import { CancelledError, isOrchestratorError } from '../core/errors.js';
import { toCancelledError } from '../core/signals.js';
import type { CircuitBreaker } from './breaker.js';
import type { CachedAnswer, Coalescer, ResultCache } from './call-cache.js';
import { classifyDownstreamError } from './classify-error.js';
import type { DownstreamServerSpec } from './config.js';
import { DownstreamError, isTransientDownstreamError, toUnknownToolError } from './errors.js';
import type { ConcurrencyLimiter } from './limiter.js';
import type { RetryBudget } from './retry-budget.js';
import type { LiveConnection, ServerConnection } from './server-connection.js';
import type { ServerStats } from './server-stats.js';

/** Retries after the first attempt (each may go to another member of the group). */
export const MAX_RETRIES = 2;
/** First delay before retrying the same server, ms (p-retry doubles it, with jitter). */
const RETRY_MIN_DELAY_MS = 50;
const RETRY_MAX_DELAY_MS = 500;

/** Everything the pool keeps per configured server. */
export interface ServerRuntime {
  readonly spec: DownstreamServerSpec;
  readonly conn: ServerConnection;
  readonly breaker: CircuitBreaker;
  readonly limiter: ConcurrencyLimiter;
  readonly budget: RetryBudget;
  readonly stats: ServerStats;
  readonly cache: ResultCache | undefined;
  readonly coalescer: Coalescer;
}

/** One call as the executor runs it. `candidates[0]` is the server asked for; the rest are its group members. */
export interface CallPlan {
  primary: ServerRuntime;
  candidates: readonly ServerRuntime[];
  tool: DownstreamTool;
  args: Readonly<Record<string, unknown>>;
  signal: AbortSignal | undefined;
  onProgress: ((progress: DownstreamProgress) => void) | undefined;
}

/**
 * The time limit of one call: `timeout_ms` from the moment the first request is sent (connecting a server, which
 * has its own limit, does not eat into it), shared by every retry after that.
 */
class CallDeadline {
  private at: number | undefined;
  constructor(readonly timeoutMs: number) {}
  /** Starts the clock (idempotent). */
  start(): void {
    this.at ??= performance.now() + this.timeoutMs;
  }
  /** Milliseconds left; the whole `timeoutMs` before the first send. */
  remainingMs(): number {
    return this.at === undefined ? this.timeoutMs : Math.floor(this.at - performance.now());
  }
}

/**
 * Runs one call with the resilience rules: a {@link CallDeadline} of the primary's `timeout_ms`; the first attempt
 * straight away; on a transient failure up to {@link MAX_RETRIES} more through p-retry, each on the best untried
 * candidate (failover) or the same server after its reconnect, while the server's retry budget allows. A request
 * that reached a server before failing is repeated only for read-only or idempotent tools; a command that cannot be
 * spawned is not retried on the same server.
 */
export async function executeCall(plan: CallPlan): Promise<CachedAnswer> {
  const deadline = new CallDeadline(plan.primary.spec.timeoutMs);
  plan.primary.budget.recordCall();
  const tried = new Set<ServerRuntime>();
  let attempts = 0;
  const once = (): Promise<CachedAnswer> => {
    const target = pickTarget(plan.candidates, tried);
    tried.add(target);
    attempts += 1;
    if (attempts > 1) plan.primary.stats.retries += 1;
    if (target !== plan.primary) plan.primary.stats.failovers += 1;
    return attempt(target, plan, deadline, attempts);
  };
  const retryable = (error: unknown): boolean =>
    isRetryable(error, plan.tool) &&
    !(isSpawnFailure(error) && plan.candidates.every((c) => tried.has(c))) &&
    deadline.remainingMs() > 0;
  try {
    return await once();
  } catch (error) {
    if (!retryable(error) || !plan.primary.budget.tryWithdraw()) throw error;
    return pRetry(once, {
      retries: MAX_RETRIES - 1,
      minTimeout: RETRY_MIN_DELAY_MS,
      maxTimeout: RETRY_MAX_DELAY_MS,
      randomize: true,
      unref: true,
      signal: plan.signal,
      shouldRetry: ({ error: e }) => retryable(e) && plan.primary.budget.tryWithdraw(),
    }).catch((e: unknown) => {
      throw plan.signal?.aborted ? toCancelledError(plan.signal) : e;
    });
  }
}

function isSpawnFailure(error: unknown): boolean {
  return error instanceof DownstreamError && error.code === 'downstream_spawn_failed';
}

/** Transient failures only; a request already sent is repeated only when the tool is read-only or idempotent. */
function isRetryable(error: unknown, tool: DownstreamTool): boolean {
  return isTransientDownstreamError(error) && (!error.sent || tool.idempotent);
}

/** The first untried candidate that can take a call now (breaker not open, not waiting to reconnect), else any. */
function pickTarget(candidates: readonly ServerRuntime[], tried: ReadonlySet<ServerRuntime>): ServerRuntime {
  const untried = candidates.filter((c) => !tried.has(c));
  const pool = untried.length > 0 ? untried : candidates;
  return pool.find((c) => c.breaker.state !== 'open' && c.conn.state !== 'backoff') ?? (pool[0] as ServerRuntime);
}

async function attempt(
  target: ServerRuntime,
  plan: CallPlan,
  deadline: CallDeadline,
  attempts: number,
): Promise<CachedAnswer> {
  const name = target.spec.name;
  if (!target.breaker.tryAcquire()) {
    throw new DownstreamError(
      'downstream_breaker_open',
      name,
      `Server "${name}" is failing; its circuit breaker is open.`,
      {
        transient: true,
        data: { retry_in_ms: Math.ceil(target.breaker.retryInMs()) },
        hint: 'Retry after the cool-down, or configure another server in the same "group" for failover.',
      },
    );
  }
  const { conn, limiter } = target;
  conn.inFlight += 1;
  let acquired = false;
  try {
    const live = conn.live ?? (await connectInTime(conn, deadline, plan.signal));
    const tool = live.tools.get(plan.tool.name);
    if (tool === undefined && target === plan.primary) throw toUnknownToolError(name, live.toolList, plan.tool.name);
    if (tool === undefined) {
      throw new DownstreamError(
        'downstream_unavailable',
        name,
        `Server "${name}" does not offer tool "${plan.tool.name}".`,
        {
          transient: true,
          data: { missing_tool: true },
        },
      );
    }
    acquired = limiter.tryAcquire();
    if (!acquired) {
      await limiter.acquire(plan.signal);
      acquired = true;
    }
    const answer = await send(target, live, plan, deadline, attempts);
    target.breaker.onSuccess();
    return answer;
  } catch (error) {
    throw settleBreaker(target, error, plan.signal);
  } finally {
    if (acquired) limiter.release();
    conn.inFlight -= 1;
    conn.lastUsedAt = performance.now();
  }
}

async function send(
  target: ServerRuntime,
  live: LiveConnection,
  plan: CallPlan,
  deadline: CallDeadline,
  attempts: number,
): Promise<CachedAnswer> {
  const startedAt = performance.now();
  deadline.start();
  const remainingMs = deadline.remainingMs();
  if (remainingMs <= 0) {
    throw new DownstreamError(
      'downstream_timeout',
      target.spec.name,
      `No time left for "${plan.tool.name}" within ${target.spec.timeoutMs} ms.`,
      {
        hint: 'Retry later, or raise "timeout_ms" for this server in the configuration.',
      },
    );
  }
  target.stats.calls += 1;
  try {
    const result = live.fast
      ? await live.fast.callTool(plan.tool.name, plan.args, {
          timeoutMs: remainingMs,
          configuredTimeoutMs: target.spec.timeoutMs,
          ...(plan.signal ? { signal: plan.signal } : {}),
          ...(plan.onProgress ? { onProgress: plan.onProgress } : {}),
        })
      : await live.client.callTool(
          { name: plan.tool.name, arguments: plan.args },
          plan.onProgress
            ? { signal: plan.signal, timeout: remainingMs, onprogress: plan.onProgress }
            : { signal: plan.signal, timeout: remainingMs },
        );
    target.stats.recordLatency(performance.now() - startedAt);
    const isError = result.isError === true;
    if (isError) target.stats.toolErrors += 1;
    return {
      server: target.spec.name,
      content: result.content,
      ...(isRecord(result.structuredContent) ? { structuredContent: result.structuredContent } : {}),
      isError,
      attempts,
    };
  } catch (error) {
    target.stats.recordLatency(performance.now() - startedAt);
    target.stats.errors += 1;
    throw classifyDownstreamError(target.spec.name, error, plan.signal, target.spec.timeoutMs);
  }
}

/**
 * Connects a server that is not connected. A server waiting to reconnect after a crash is waited for when its next
 * attempt falls before the deadline, so a restarted server serves the call; otherwise the backoff error is thrown
 * at once (and the call may fail over).
 */
async function connectInTime(
  conn: ServerConnection,
  deadline: CallDeadline,
  signal: AbortSignal | undefined,
): Promise<LiveConnection> {
  const waitMs = conn.retryInMs();
  if (waitMs > 0 && waitMs < deadline.remainingMs()) await delay(waitMs, signal);
  return conn.connect(signal);
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(toCancelledError(signal));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(toCancelledError(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Tells the breaker how the attempt went and returns the error to throw: transient failures and timeouts count
 * against the server; a cancellation gives back a half-open probe slot; any other failure (the server answered with
 * an error) shows the server is alive.
 */
function settleBreaker(target: ServerRuntime, error: unknown, signal: AbortSignal | undefined): unknown {
  if (isOrchestratorError(error) && !(error instanceof DownstreamError) && !(error instanceof CancelledError)) {
    target.breaker.release(); // ours (unknown tool): the server did nothing wrong
    return error;
  }
  const failure =
    error instanceof DownstreamError || error instanceof CancelledError
      ? error
      : classifyDownstreamError(target.spec.name, error, signal, target.spec.timeoutMs);
  if (failure instanceof CancelledError || failure.data?.missing_tool === true) target.breaker.release();
  else if (failure.code === 'downstream_breaker_open') return failure;
  else if (failure.transient || failure.code === 'downstream_timeout' || failure.code === 'downstream_spawn_failed') {
    target.breaker.onFailure();
  } else target.breaker.onSuccess();
  return failure;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
