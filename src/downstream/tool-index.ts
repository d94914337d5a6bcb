import type { Tool } from '@modelcontextprotocol/client';
import type { DownstreamTool } from '../contracts/downstream.js';
import { toCancelledError } from '../core/signals.js';

/** Converts a `tools/list` answer into our plain records, once per discovery (never per call). */
export function indexTools(
  server: string,
  tools: readonly Tool[],
): { tools: Map<string, DownstreamTool>; toolList: DownstreamTool[] } {
  const toolList = tools.map((tool): DownstreamTool => {
    const readOnly = tool.annotations?.readOnlyHint === true;
    return Object.freeze({
      server,
      name: tool.name,
      ...(tool.title !== undefined ? { title: tool.title } : {}),
      description: tool.description ?? '',
      inputSchema: tool.inputSchema,
      readOnly,
      idempotent: readOnly || tool.annotations?.idempotentHint === true,
    });
  });
  return { tools: new Map(toolList.map((t) => [t.name, t])), toolList };
}

/** Settles with `promise` or rejects with a CancelledError when `signal` aborts first. */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(toCancelledError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(toCancelledError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
