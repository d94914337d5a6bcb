import { CancelledError } from '../../core/errors.js';
import { ModelError } from '../errors.js';

/** Longest part of a provider's error body quoted in an error message, characters. */
const ERROR_BODY_MAX_CHARS = 300;
/** Longest `Retry-After` honoured, ms; a longer one ends the retries (the call falls back instead of waiting). */
export const RETRY_AFTER_MAX_MS = 30_000;

/** One POST of a JSON body. `secret` is redacted from every message built from the answer. */
export interface JsonPost {
  provider: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** Aborts the attempt (its own timeout composed with the call's deadline and the caller's signal). */
  signal: AbortSignal;
  /** The caller's own signal: when it aborted, the failure is a cancellation, not a timeout. */
  callerSignal?: AbortSignal;
  secret?: string;
}

/** Replaces every occurrence of `secret` (when non-empty) with `[redacted]`. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join('[redacted]');
}

/**
 * Reads `Retry-After` (delta-seconds or an HTTP date) as ms from `nowMs`, or undefined when absent or invalid.
 * RFC 9110 §10.2.3.
 */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1_000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function toFetchFailure(post: JsonPost, error: unknown): Error {
  if (post.callerSignal?.aborted) return new CancelledError('The model call was cancelled.', { cause: error });
  if (post.signal.aborted) {
    return new ModelError('model_timeout', `${post.provider} did not answer before the deadline.`, {
      retryable: true,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ModelError('model_failed', `${post.provider} could not be reached: ${redact(message, post.secret)}`, {
    retryable: true,
  });
}

async function readErrorBody(response: Response, post: JsonPost): Promise<string> {
  try {
    const text = await response.text();
    return redact(text, post.secret).replace(/\s+/g, ' ').slice(0, ERROR_BODY_MAX_CHARS);
  } catch {
    return '';
  }
}

async function toHttpError(response: Response, post: JsonPost): Promise<ModelError> {
  const body = await readErrorBody(response, post);
  const status = response.status;
  const message = `${post.provider} answered HTTP ${status}${body ? `: ${body}` : ''}`;
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return new ModelError('model_rate_limited', message, {
      retryable: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      data: { status },
    });
  }
  const retryable = status === 408 || status >= 500;
  return new ModelError('model_http_error', message, { retryable, data: { status } });
}

/**
 * POSTs JSON with the global `fetch` and returns the parsed answer. Never hangs past `signal`: the body read
 * is aborted with the request.
 *
 * @throws ModelError `model_timeout` (retryable) when `signal` aborted, `model_rate_limited` (429, with
 *   `retryAfterMs`), `model_http_error` (retryable for 408/5xx), `model_failed` for network errors (retryable) or
 *   a body that is not JSON (not retryable). Messages never contain `secret`.
 * @throws CancelledError when `callerSignal` aborted.
 */
export async function postJson(post: JsonPost): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(post.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...post.headers },
      body: JSON.stringify(post.body),
      signal: post.signal,
    });
  } catch (error) {
    throw toFetchFailure(post, error);
  }
  if (!response.ok) throw await toHttpError(response, post);
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw toFetchFailure(post, error);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ModelError('model_failed', `${post.provider} answered with a body that is not JSON.`);
  }
}
