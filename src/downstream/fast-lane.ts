import type { DownstreamProgress } from '../contracts/downstream.js';
import { toCancelledError } from '../core/signals.js';
import { DownstreamError } from './errors.js';
import type { MessageInterceptor, ProcessGroupStdioTransport } from './stdio-transport.js';

/** Prefix of the request ids (and progress tokens) the fast lane uses; the SDK client's ids are numbers. */
const ID_PREFIX = 'mo:';

/** A `tools/call` answer as the fast lane hands it on: the result object exactly as the server sent it. */
export interface RawToolResult {
  content: ReadonlyArray<Readonly<Record<string, unknown>>>;
  structuredContent?: Readonly<Record<string, unknown>>;
  isError?: boolean;
}

interface Pending {
  resolve: (result: RawToolResult) => void;
  reject: (error: unknown) => void;
  onProgress: ((progress: DownstreamProgress) => void) | undefined;
  timer: NodeJS.Timeout;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * `tools/call` over a stdio connection without the SDK client's per-request machinery (issue #3: "the hot path
 * matters"). The request is one serialized line; the response line is parsed once by the transport and handed
 * back as is. It keeps the protocol's obligations: a `notifications/cancelled` on abort or timeout, progress
 * through a progress token, every pending call failed when the connection closes. What it skips is validation the
 * SDK would repeat: the envelope is checked (an object with `content` as an array), the content blocks travel
 * unchanged to our client, whose SDK validates them once.
 *
 * The SDK client keeps the same connection for everything else (initialize, `tools/list`, `list_changed`, ping).
 */
export class StdioFastLane implements MessageInterceptor {
  private readonly pending = new Map<string, Pending>();
  private nextId = 0;
  private closedError: DownstreamError | undefined;

  constructor(
    private readonly transport: ProcessGroupStdioTransport,
    private readonly server: string,
  ) {
    transport.interceptor = this;
  }

  /**
   * Sends `tools/call` and resolves with the raw result.
   * @throws CancelledError when `signal` aborts (after sending `notifications/cancelled`).
   * @throws DownstreamError `downstream_timeout` after `timeoutMs` (also cancelled downstream),
   *   `downstream_unavailable` when the connection closes first, `downstream_failed` for a JSON-RPC error.
   */
  callTool(
    name: string,
    args: Readonly<Record<string, unknown>>,
    options: {
      signal?: AbortSignal;
      /** Time left for this attempt, ms. */
      timeoutMs: number;
      /** The server's configured `timeout_ms`, named in the timeout error. */
      configuredTimeoutMs: number;
      onProgress?: (p: DownstreamProgress) => void;
    },
  ): Promise<RawToolResult> {
    if (this.closedError) return Promise.reject(this.closedError);
    const { signal, onProgress } = options;
    if (signal?.aborted) return Promise.reject(toCancelledError(signal));
    this.nextId += 1;
    const id = `${ID_PREFIX}${this.nextId}`;
    const params = onProgress ? { name, arguments: args, _meta: { progressToken: id } } : { name, arguments: args };
    return new Promise<RawToolResult>((resolve, reject) => {
      const entry: Pending = {
        resolve,
        reject,
        onProgress,
        signal,
        onAbort: undefined,
        timer: setTimeout(
          () => this.abandon(id, this.timeoutError(options.configuredTimeoutMs), 'timeout'),
          options.timeoutMs,
        ),
      };
      if (signal) {
        entry.onAbort = () => this.abandon(id, toCancelledError(signal), 'cancelled by the client');
        signal.addEventListener('abort', entry.onAbort, { once: true });
      }
      this.pending.set(id, entry);
      this.transport
        .writeLine(`${JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params })}\n`)
        .catch((error: unknown) => this.settle(id)?.reject(error));
    });
  }

  /** Consumes responses to our ids and progress for our tokens; everything else goes to the SDK client. */
  intercept(message: Record<string, unknown>): boolean {
    const id = message.id;
    if (typeof id === 'string') {
      if (!id.startsWith(ID_PREFIX)) return false;
      const entry = this.settle(id);
      if (entry) this.answer(entry, message);
      return true;
    }
    if (message.method !== 'notifications/progress') return false;
    const params = message.params as { progressToken?: unknown } | undefined;
    const token = params?.progressToken;
    if (typeof token !== 'string' || !token.startsWith(ID_PREFIX)) return false;
    const entry = this.pending.get(token);
    const p = params as { progress?: unknown; total?: unknown; message?: unknown };
    if (entry?.onProgress && typeof p.progress === 'number') {
      entry.onProgress({
        progress: p.progress,
        ...(typeof p.total === 'number' ? { total: p.total } : {}),
        ...(typeof p.message === 'string' ? { message: p.message } : {}),
      });
    }
    return true;
  }

  /** The connection ended: every pending call fails as "closed during the call" (sent, transient). */
  closed(): void {
    this.closedError = new DownstreamError(
      'downstream_unavailable',
      this.server,
      `Server "${this.server}" is not connected.`,
      {
        transient: true,
      },
    );
    const lost = new DownstreamError(
      'downstream_unavailable',
      this.server,
      `Server "${this.server}" closed its connection during the call.`,
      {
        transient: true,
        sent: true,
      },
    );
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(lost);
  }

  private answer(entry: Pending, message: Record<string, unknown>): void {
    const error = message.error as { code?: unknown; message?: unknown } | undefined;
    if (error !== undefined) {
      entry.reject(
        new DownstreamError(
          'downstream_failed',
          this.server,
          `Server "${this.server}" answered with an error: ${String(error.message)}`,
          {
            data: { rpc_code: typeof error.code === 'number' ? error.code : null },
            hint: 'Check the tool name and arguments against the schema find_tools returns.',
          },
        ),
      );
      return;
    }
    const result = message.result as RawToolResult | undefined;
    if (typeof result !== 'object' || result === null || !Array.isArray(result.content)) {
      entry.reject(
        new DownstreamError(
          'downstream_failed',
          this.server,
          `Server "${this.server}" sent a tools/call result without a content array.`,
        ),
      );
      return;
    }
    entry.resolve(result);
  }

  /** Sends `notifications/cancelled` for a call we give up on, and rejects it with `error`. */
  private abandon(id: string, error: unknown, reason: string): void {
    const entry = this.settle(id);
    if (!entry) return;
    const notice = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason } };
    this.transport.writeLine(`${JSON.stringify(notice)}\n`).catch(() => undefined);
    entry.reject(error);
  }

  private settle(id: string): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (entry.onAbort) entry.signal?.removeEventListener('abort', entry.onAbort);
    return entry;
  }

  private timeoutError(timeoutMs: number): DownstreamError {
    return new DownstreamError(
      'downstream_timeout',
      this.server,
      `Server "${this.server}" did not answer within ${timeoutMs} ms.`,
      {
        sent: true,
        hint: 'Retry later, or raise "timeout_ms" for this server in the configuration.',
      },
    );
  }
}
