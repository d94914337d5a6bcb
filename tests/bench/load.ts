import type { RawRpcClient } from './rpc-client.js';

/** Options of {@link runClosedLoop}. */
export interface LoadOptions {
  /** Requests kept in flight: a new one is written as soon as one is answered. */
  concurrency: number;
  /** Requests to send (all timed). */
  calls: number;
  /** The whole run fails if it has not finished within this, ms. */
  timeoutMs: number;
  /** Called with each answer's result and the 1-based count of answers so far (e.g. to read RSS at call 5,000). */
  onResult?: (result: unknown, completed: number) => void;
}

/** What one closed-loop run measured. */
export interface LoadResult {
  /** Per-request latency, µs: from the write of the request line to the parse of its response line. */
  latenciesUs: Float64Array;
  /** From the first write to the last response, ms. */
  elapsedMs: number;
  /** Completed requests per second over `elapsedMs`. */
  callsPerSecond: number;
}

/**
 * Drives `client` with a closed loop of `concurrency` requests in flight until `calls` have been answered.
 * `makeLine(id, index)` returns the prepared request line (newline-terminated) for request number `index`.
 *
 * @throws Error on the first JSON-RPC error, a dead child, or when `timeoutMs` passes.
 */
export function runClosedLoop(
  client: RawRpcClient,
  makeLine: (id: number, index: number) => string,
  options: LoadOptions,
): Promise<LoadResult> {
  const { calls, concurrency, timeoutMs, onResult } = options;
  const latenciesUs = new Float64Array(calls);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let completed = 0;
    let settled = false;
    const timer = setTimeout(
      () => finish(new Error(`${client.label}: load of ${calls} calls not done within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const startNs = process.hrtime.bigint();
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        reject(error);
        return;
      }
      const elapsedMs = Number(process.hrtime.bigint() - startNs) / 1e6;
      resolve({ latenciesUs, elapsedMs, callsPerSecond: (calls / elapsedMs) * 1_000 });
    };
    const sendNext = (): void => {
      const index = sent++;
      const id = client.nextId();
      const line = makeLine(id, index);
      const t0 = process.hrtime.bigint();
      client.sendLine(id, line, (error, result) => {
        if (settled) return;
        if (error) {
          finish(error);
          return;
        }
        latenciesUs[index] = Number(process.hrtime.bigint() - t0) / 1e3;
        completed += 1;
        onResult?.(result, completed);
        if (completed === calls) finish();
        else if (sent < calls) sendNext();
      });
    };
    for (let i = 0; i < Math.min(concurrency, calls); i++) sendNext();
  });
}

/** A prepared `tools/call` line builder: the JSON after the id is serialized once, only the id is spliced in. */
export function toolCallLine(name: string, args: Record<string, unknown>): (id: number) => string {
  const tail = `,"method":"tools/call","params":${JSON.stringify({ name, arguments: args })}}\n`;
  return (id) => `{"jsonrpc":"2.0","id":${id}${tail}`;
}
