import { ProtocolError, SdkError, SdkErrorCode, SdkHttpError } from '@modelcontextprotocol/client';
import { CancelledError, isOrchestratorError } from '../core/errors.js';
import { toCancelledError } from '../core/signals.js';
import { DownstreamError } from './errors.js';

/** SDK codes meaning the request never reached the server (safe to repeat for any tool). */
const NOT_SENT = new Set<string>([SdkErrorCode.NotConnected, SdkErrorCode.SendFailed]);

/**
 * Maps whatever a downstream attempt threw to one of our errors, so callers branch on `code`, `transient` and
 * `sent` only:
 * - the caller's signal aborted → `CancelledError` (the SDK reports an abort as a timeout; the signal is the truth);
 * - the SDK's per-request timeout → `downstream_timeout` (sent, not transient: the time budget is spent);
 * - connection closed mid-request → `downstream_unavailable` (transient, sent);
 * - not connected / send failed / network failure / HTTP 5xx, 429 → `downstream_unavailable` (transient);
 * - a JSON-RPC error answered by the server → `downstream_failed` with its code (the server is healthy);
 * - anything else → `downstream_failed`.
 *
 * @param server - the configured server name.
 * @param signal - the caller's signal for this attempt.
 */
export function classifyDownstreamError(
  server: string,
  error: unknown,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): DownstreamError | CancelledError {
  if (signal?.aborted) return toCancelledError(signal);
  if (error instanceof DownstreamError || error instanceof CancelledError) return error;
  if (isOrchestratorError(error)) {
    return new DownstreamError('downstream_failed', server, error.message, { cause: error });
  }
  if (error instanceof SdkHttpError) return fromHttp(server, error);
  if (error instanceof SdkError) return fromSdk(server, error, timeoutMs);
  if (error instanceof ProtocolError) {
    return new DownstreamError(
      'downstream_failed',
      server,
      `Server "${server}" answered with an error: ${error.message}`,
      {
        cause: error,
        data: { rpc_code: error.code },
        hint: 'Check the tool name and arguments against the schema find_tools returns.',
      },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  if (isNetworkError(error)) {
    return new DownstreamError('downstream_unavailable', server, `Server "${server}" is unreachable: ${message}`, {
      cause: error,
      transient: true,
    });
  }
  return new DownstreamError('downstream_failed', server, `Server "${server}" failed: ${message}`, { cause: error });
}

function fromSdk(server: string, error: SdkError, timeoutMs: number): DownstreamError {
  if (error.code === SdkErrorCode.RequestTimeout) {
    return new DownstreamError(
      'downstream_timeout',
      server,
      `Server "${server}" did not answer within ${timeoutMs} ms.`,
      {
        cause: error,
        sent: true,
        hint: 'Retry later, or raise "timeout_ms" for this server in the configuration.',
      },
    );
  }
  if (error.code === SdkErrorCode.ConnectionClosed || NOT_SENT.has(error.code)) {
    const sent = error.code === SdkErrorCode.ConnectionClosed;
    const what = sent ? 'closed its connection during the call' : 'is not connected';
    return new DownstreamError('downstream_unavailable', server, `Server "${server}" ${what}.`, {
      cause: error,
      transient: true,
      sent,
    });
  }
  return new DownstreamError('downstream_failed', server, `Server "${server}" failed: ${error.message}`, {
    cause: error,
    data: { sdk_code: error.code },
  });
}

function fromHttp(server: string, error: SdkHttpError): DownstreamError {
  const status = error.status as number | undefined;
  const transient = status === undefined || status >= 500 || status === 429;
  return new DownstreamError(
    transient ? 'downstream_unavailable' : 'downstream_failed',
    server,
    `Server "${server}" answered HTTP ${status ?? '?'}: ${error.message}`,
    {
      cause: error,
      transient,
      sent: true,
      data: { http_status: status ?? null },
      ...(status === 401 || status === 403
        ? { hint: 'Check the credentials in the entry\'s "headers" (e.g. "Authorization").' }
        : {}),
    },
  );
}

/** `fetch` failures (`TypeError: fetch failed` with a `cause.code` such as ECONNREFUSED) and socket errors. */
function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code ?? (error.cause as NodeJS.ErrnoException | undefined)?.code;
  if (
    code &&
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_)/.test(code)
  ) {
    return true;
  }
  return error instanceof TypeError && /fetch failed|network/i.test(error.message);
}
