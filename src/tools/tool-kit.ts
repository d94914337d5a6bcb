import { randomUUID } from 'node:crypto';
import type { McpServer, ServerContext, ToolAnnotations, CallToolResult } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import { isOrchestratorError } from '../core/errors.js';
import { composeSignals } from '../core/signals.js';
import type { SamplingChannel } from '../contracts/model.js';
import type { ProgressEvent } from '../contracts/run.js';
import { toSamplingAvailability } from './sampling-channel.js';
import type { ToolDeps } from './tool-deps.js';

/** What a tool module declares: MCP metadata plus zod schemas for input and output. */
export interface ToolSpec<I extends z.ZodType, O extends z.ZodType> {
  /** snake_case `verb_noun`, ≤ 30 characters (Cursor drops server+tool names over 60). */
  name: string;
  title: string;
  /** One sentence: what happens and what comes back. */
  description: string;
  inputSchema: I;
  outputSchema: O;
  annotations: ToolAnnotations;
}

/** The per-call view a handler gets: one composed signal and a progress reporter. */
export interface ToolCall {
  /** Aborts on client cancellation (`notifications/cancelled`) or server shutdown. */
  signal: AbortSignal;
  /** Sends `notifications/progress` when the client sent a progress token; a no-op otherwise. */
  progress: (event: ProgressEvent) => void;
  /** Forwards a downstream server's progress as is (`total` only when known); undefined without a progress token. */
  forwardProgress: ((event: { progress: number; total?: number; message?: string }) => void) | undefined;
  /** The protocol revision of this request: the 2026-07-28 envelope's, or the one negotiated at initialize. */
  protocolVersion: string | undefined;
  /** The calling client's sampling (issue #5): present when it advertised `sampling` on a 2025-era connection. */
  sampling?: SamplingChannel;
  /** Why `sampling` is absent (for `list_capabilities`). */
  samplingAbsentReason?: string;
}

/** A handler's success: the structured result (validated against the output schema) and a short text for humans. */
export interface ToolSuccess<O> {
  structured: O;
  text: string;
  /** Content blocks to send instead of the one text block (a proxied downstream result, verbatim). */
  content?: CallToolResult['content'];
  /** Marks the result as a tool error the model should read (a proxied downstream `isError`). */
  isError?: boolean;
}

/** A registered tool as listed by `list_capabilities`, read from the same registration that serves it. */
export interface ToolCatalogEntry {
  name: string;
  title: string;
  description: string;
  read_only: boolean;
}

const PROTOCOL_VERSION_META_KEY = 'io.modelcontextprotocol/protocolVersion';

/**
 * Registers one tool with the kit's contract (the only place that converts failures to results):
 * - every call gets `AbortSignal.any([request, shutdown])` (composed when the handler first reads it);
 * - duration and outcome are recorded in `deps.metrics` for every call;
 * - an {@link OrchestratorError} becomes an `isError` result with `{ code, message, hint }`; any other error
 *   becomes a generic message with a log reference, details to the log only (never on the wire).
 */
export function defineTool<I extends z.ZodType, O extends z.ZodType>(
  server: McpServer,
  deps: ToolDeps,
  spec: ToolSpec<I, O>,
  handler: (args: z.infer<I>, call: ToolCall) => Promise<ToolSuccess<z.infer<O>>>,
): void {
  deps.catalog.push({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    read_only: spec.annotations.readOnlyHint === true,
  });
  const callback = async (args: z.infer<I>, ctx: ServerContext): Promise<CallToolResult> => {
    const startedMs = performance.now();
    let signal: AbortSignal | undefined; // composed on first use: AbortSignal.any costs ~15 µs, a ping needs none
    const call: ToolCall = {
      get signal() {
        return (signal ??= composeSignals([ctx.mcpReq.signal, deps.shutdownSignal]));
      },
      progress: createProgressReporter(ctx),
      forwardProgress: createProgressForwarder(ctx),
      protocolVersion: readProtocolVersion(ctx, server),
    };
    const availability = toSamplingAvailability(ctx, server, call.protocolVersion);
    if (availability.channel) call.sampling = availability.channel;
    if (availability.reason) call.samplingAbsentReason = availability.reason;
    try {
      const result = await runInModelScope(deps, call, () => handler(args, call));
      deps.metrics.recordToolCall(spec.name, performance.now() - startedMs, result.isError !== true);
      return {
        content: result.content ?? [{ type: 'text', text: result.text }],
        structuredContent: result.structured as Record<string, unknown>,
        ...(result.isError === true ? { isError: true } : {}),
      };
    } catch (error) {
      deps.metrics.recordToolCall(spec.name, performance.now() - startedMs, false);
      return toErrorResult(spec.name, error, deps);
    }
  };
  server.registerTool(
    spec.name,
    {
      title: spec.title,
      description: spec.description,
      inputSchema: spec.inputSchema,
      outputSchema: spec.outputSchema,
      annotations: { title: spec.title, ...spec.annotations },
    },
    callback as never,
  );
}

/** Runs a handler in the model scope (issue #5): its model work sees this call's sampling and is billed to one task. */
function runInModelScope<T>(deps: ToolDeps, call: ToolCall, run: () => Promise<T>): Promise<T> {
  // Enter the AsyncLocalStorage scope only when a model can be used (a sampling channel to carry, or a provider
  // whose usage is billed per call): a first `run` turns on promise hooks for the whole process, which cost every
  // later call ~15 µs (measured on ping under load). With no model at all there is nothing to carry.
  if (deps.model === undefined) return run();
  if (call.sampling === undefined && !deps.model.providerConfigured) return run();
  const binding = {
    ...(call.sampling ? { sampling: call.sampling } : {}),
    ...(call.samplingAbsentReason ? { samplingAbsentReason: call.samplingAbsentReason } : {}),
  };
  return deps.model.scope.run(binding, run);
}

function toErrorResult(tool: string, error: unknown, deps: ToolDeps): CallToolResult {
  if (isOrchestratorError(error)) {
    deps.logger.info({ tool, code: error.code, err: error }, 'tool failed');
    const text = error.hint ? `${error.message} ${error.hint}` : error.message;
    return {
      isError: true,
      content: [{ type: 'text', text }],
      structuredContent: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) },
    };
  }
  const ref = randomUUID();
  deps.logger.error({ tool, ref, err: error }, 'unexpected tool failure');
  const message = `Internal error in ${tool}; the server logged the details under ref ${ref}. Retry, or report it with the ref.`;
  return {
    isError: true,
    content: [{ type: 'text', text: message }],
    structuredContent: { code: 'internal', message },
  };
}

function createProgressReporter(ctx: ServerContext): (event: ProgressEvent) => void {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  if (progressToken === undefined) return () => undefined;
  return (event) => {
    ctx.mcpReq
      .notify({
        method: 'notifications/progress',
        params: { progressToken, progress: event.completed, total: event.total, message: event.message },
      })
      .catch(() => undefined); // a client gone mid-call must not fail the work; the result reports the outcome
  };
}

function createProgressForwarder(ctx: ServerContext): ToolCall['forwardProgress'] {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  if (progressToken === undefined) return undefined;
  // A client gone mid-call must not fail the work: a failed notification is dropped.
  return (event) => {
    const params = { progressToken, ...event };
    ctx.mcpReq.notify({ method: 'notifications/progress', params }).catch(() => undefined);
  };
}

function readProtocolVersion(ctx: ServerContext, server: McpServer): string | undefined {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const fromEnvelope = envelope?.[PROTOCOL_VERSION_META_KEY];
  if (typeof fromEnvelope === 'string') return fromEnvelope;
  return server.server.getNegotiatedProtocolVersion();
}
