import type { Artifact, CheckVerdict } from '../contracts/artifact.js';
import type { CodeFixRequest, CodeFixResult } from '../contracts/code-fix.js';
import { CancelledError, InvalidInputError, OrchestratorError, isOrchestratorError } from '../core/errors.js';

/** Work the engine worker does. */
export type EngineWork = { op: 'check'; artifacts: Artifact[] } | { op: 'fix'; request: CodeFixRequest };

/** A request from the main thread to the engine worker. `id` pairs it with its reply and with `abort`. */
export type EngineRequest = (EngineWork & { id: number }) | { id: number; op: 'abort' };

/** An error crossing the thread boundary: enough to rebuild the typed error on the other side. */
export interface SerializedError {
  code?: string;
  name: string;
  message: string;
  hint?: string;
  data?: Record<string, unknown>;
}

/** The worker's reply to one request. */
export type EngineReply =
  | { id: number; ok: true; op: 'check'; verdicts: Map<string, CheckVerdict> }
  | { id: number; ok: true; op: 'fix'; result: CodeFixResult }
  | { id: number; ok: false; error: SerializedError };

/** Flattens an error for `postMessage` (structured clone drops class identity). */
export function toSerializedError(error: unknown): SerializedError {
  if (isOrchestratorError(error)) {
    return {
      code: error.code,
      name: error.name,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.data ? { data: error.data } : {}),
    };
  }
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

/** Rebuilds the typed error: `cancelled` → CancelledError, `invalid_input` → InvalidInputError, other codes → OrchestratorError. */
export function fromSerializedError(error: SerializedError): Error {
  const options = { ...(error.hint ? { hint: error.hint } : {}), ...(error.data ? { data: error.data } : {}) };
  if (error.code === 'cancelled') return new CancelledError(error.message, options);
  if (error.code === 'invalid_input') return new InvalidInputError(error.message, options);
  if (error.code) return new OrchestratorError(error.code, error.message, options);
  const plain = new Error(error.message);
  plain.name = error.name;
  return plain;
}
