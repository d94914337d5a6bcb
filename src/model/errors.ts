import { OrchestratorError, type OrchestratorErrorOptions } from '../core/errors.js';

/** Why a model call did not produce an answer. Every one of them makes the caller fall back. */
export const MODEL_ERROR_CODES = [
  'model_unavailable',
  'model_budget_exceeded',
  'model_timeout',
  'model_rate_limited',
  'model_http_error',
  'model_output_invalid',
  'model_failed',
] as const;
export type ModelErrorCode = (typeof MODEL_ERROR_CODES)[number];

/**
 * A model call failed (or was refused before it started). `retryable` marks failures worth another attempt:
 * timeouts, 408/429/5xx and network errors. `retryAfterMs` carries a provider's `Retry-After`.
 * Messages never contain the API key (providers redact it before building them).
 */
export class ModelError extends OrchestratorError {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ModelErrorCode,
    message: string,
    options: OrchestratorErrorOptions & { retryable?: boolean; retryAfterMs?: number } = {},
  ) {
    super(code, message, options);
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Type guard for {@link ModelError}. */
export function isModelError(error: unknown): error is ModelError {
  return error instanceof ModelError;
}
