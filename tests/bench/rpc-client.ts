import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The protocol revision the benchmark negotiates (issue: "protocolVersion 2025-11-25"). */
export const BENCH_PROTOCOL_VERSION = '2025-11-25';
/** Default timeout of one request made through {@link RawRpcClient.request}, ms. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** How much of the child's stderr is kept for error messages, characters. */
const STDERR_TAIL_CHARS = 2_000;

/** A JSON-RPC response as read from the child's stdout. */
interface RpcResponse {
  id?: number | string;
  method?: string;
  result?: unknown;
  error?: { code?: number; message?: string };
}

/** Called once per request: `error` set for a JSON-RPC error or a dead child, else `result`. */
export type ResponseCallback = (error: Error | undefined, result: unknown) => void;

/** A `tools/call` result as the benchmark reads it. */
export interface ToolCallResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content?: unknown[];
}

/**
 * A deliberately cheap JSON-RPC client over a spawned server's pipes: it writes prepared request lines
 * (newline-delimited JSON, the MCP stdio framing) and matches responses to callbacks by numeric `id`. No schema
 * validation and no per-call timers on the hot path, so the client's own cost stays small and identical for every
 * server it drives. Requests the server sends to us (a `method` with an `id`) are answered "method not found";
 * notifications are ignored.
 */
export class RawRpcClient {
  readonly pid: number;
  private readonly pending = new Map<number, ResponseCallback>();
  private buffered = '';
  private stderrTail = '';
  private lastId = 0;
  private exitError: Error | undefined;

  constructor(
    readonly label: string,
    private readonly child: ChildProcessWithoutNullStreams,
  ) {
    if (child.pid === undefined) throw new Error(`${label}: the process did not start`);
    this.pid = child.pid;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => this.onData(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    child.stdin.on('error', () => undefined); // EPIPE after the child died is reported through 'exit'
    child.once('exit', (code, signal) => {
      this.exitError = new Error(
        `${label} exited (code ${code ?? 'null'}, signal ${signal ?? 'none'}); stderr: ${this.stderrTail.trim() || '(empty)'}`,
      );
      for (const callback of this.pending.values()) callback(this.exitError, undefined);
      this.pending.clear();
    });
  }

  /** True once the child process has exited. */
  get exited(): boolean {
    return this.exitError !== undefined;
  }

  /** Number of requests written and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** A fresh request id (positive integers, never reused on this connection). */
  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** Writes one prepared request line (must end with `\n` and carry `id`) and registers `callback` for it. */
  sendLine(id: number, line: string, callback: ResponseCallback): void {
    if (this.exitError) {
      callback(this.exitError, undefined);
      return;
    }
    this.pending.set(id, callback);
    this.child.stdin.write(line);
  }

  /** Writes a notification (no response expected). */
  notify(method: string, params?: Record<string, unknown>): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method, ...(params ? { params } : {}) })}\n`);
  }

  /**
   * Sends one request and resolves with its `result`.
   *
   * @throws Error for a JSON-RPC error, a dead child, or no answer within `timeoutMs`.
   */
  request(method: string, params: Record<string, unknown>, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): Promise<unknown> {
    const id = this.nextId();
    const line = `${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.label}: ${method} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.sendLine(id, line, (error, result) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(result);
      });
    });
  }

  /** `tools/call` with `arguments`; resolves with the tool result (which may carry `isError`). */
  async callTool(name: string, args: Record<string, unknown>, timeoutMs?: number): Promise<ToolCallResult> {
    return (await this.request('tools/call', { name, arguments: args }, timeoutMs)) as ToolCallResult;
  }

  /** The MCP opening: `initialize` (protocol {@link BENCH_PROTOCOL_VERSION}) then `notifications/initialized`. */
  async initialize(timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): Promise<void> {
    await this.request(
      'initialize',
      { protocolVersion: BENCH_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'bench', version: '1.0.0' } },
      timeoutMs,
    );
    this.notify('notifications/initialized');
  }

  /** Resident set size of the child, MB, read from `/proc/<pid>/status` (`VmRSS`, reported in kB). */
  rssMb(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (!match?.[1]) throw new Error(`${this.label}: no VmRSS in /proc/${this.pid}/status`);
    return Number(match[1]) / 1024;
  }

  /** The last characters the child wrote to stderr (for error messages). */
  stderr(): string {
    return this.stderrTail;
  }

  private onData(chunk: string): void {
    const text = this.buffered + chunk;
    let start = 0;
    let newline = text.indexOf('\n', start);
    while (newline !== -1) {
      if (newline > start) this.onLine(text.slice(start, newline));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.buffered = text.slice(start);
  }

  private onLine(line: string): void {
    let message: RpcResponse;
    try {
      message = JSON.parse(line) as RpcResponse;
    } catch {
      this.stderrTail = `${this.stderrTail}\n[non-JSON on stdout] ${line.slice(0, 200)}`.slice(-STDERR_TAIL_CHARS);
      return;
    }
    if (message.method !== undefined) {
      if (message.id !== undefined) {
        const reply = {
          jsonrpc: '2.0',
          id: message.id,
          error: { code: -32601, message: 'bench client: method not found' },
        };
        this.child.stdin.write(`${JSON.stringify(reply)}\n`);
      }
      return;
    }
    if (typeof message.id !== 'number') return;
    const callback = this.pending.get(message.id);
    if (!callback) return;
    this.pending.delete(message.id);
    if (message.error)
      callback(
        new Error(`${this.label}: JSON-RPC error ${message.error.code ?? '?'}: ${message.error.message ?? ''}`),
        undefined,
      );
    else callback(undefined, message.result);
  }
}
