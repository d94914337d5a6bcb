import type { IncomingMessage, ServerResponse } from 'node:http';

/** JSON-RPC error codes used on HTTP rejections (JSON-RPC 2.0 and the SDK's conventions). */
export const RPC_PARSE_ERROR = -32_700;
export const RPC_INVALID_REQUEST = -32_600;
/** Server-defined error range (-32000..-32099): refusals at the HTTP edge (auth, limits, sessions). */
export const RPC_SERVER_ERROR = -32_000;

/** A request body over the configured limit; answered 413. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`Request body is larger than ${limitBytes} bytes.`);
  }
}

/**
 * Answers with a JSON-RPC error envelope (`id: null`) and the given HTTP status. Does nothing when the response
 * has already started (a stream that broke mid-way cannot change its status).
 */
export function sendJsonRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { jsonrpc: '2.0', id: null, error: { code, message } }, headers);
}

/** Answers with a JSON body. Does nothing when headers were already sent. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Copies a web-standard `Response` (status, headers, body) to a Node response; the body is read in full. */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  if (res.headersSent) return;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * Reads a request body up to `limitBytes`. A declared `Content-Length` over the limit is refused before anything
 * is read; a body that grows past it while streaming is cut off.
 *
 * @throws BodyTooLargeError when the body exceeds `limitBytes`.
 */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw new BodyTooLargeError(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

/** The peer's address as Node reports it (`127.0.0.1`, `::1`, ...), or `unknown`. */
export function remoteAddressOf(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
