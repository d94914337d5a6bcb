import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage, MessageExtraInfo, Transport } from '@modelcontextprotocol/server';

/** Default interval of SSE keep-alive comments, ms (proxies drop silent streams after 30–60 s). */
export const SSE_KEEPALIVE_MS = 15_000;
/** Default cap on bytes queued for a client that does not read its stream; past it the connection is closed. */
export const SSE_MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Options of {@link SseServerTransport}. */
export interface SseServerTransportOptions {
  /** Random id of this connection; the POST endpoint finds the transport by it. */
  sessionId: string;
  /** Path (with query) the client posts its messages to, sent in the first `endpoint` event. */
  endpoint: string;
  keepAliveMs?: number;
  maxBufferedBytes?: number;
}

/**
 * Server side of the legacy HTTP+SSE transport (protocol 2024-11-05), which SDK v2 no longer ships: a `GET`
 * opens an event stream whose first event, `endpoint`, names the URL to `POST` JSON-RPC messages to; every
 * server-to-client message goes out as an `event: message` on the stream. The POST side is handled by the endpoint
 * module, which calls {@link SseServerTransport.deliver}.
 *
 * The stream ends (and `onclose` fires once) when the client disconnects, when {@link close} is called, or when the
 * client stops reading and more than `maxBufferedBytes` pile up.
 */
export class SseServerTransport implements Transport {
  readonly sessionId: string;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  private readonly res: ServerResponse;
  private readonly options: Required<SseServerTransportOptions>;
  private keepAlive: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(res: ServerResponse, options: SseServerTransportOptions) {
    this.res = res;
    this.sessionId = options.sessionId;
    this.options = { keepAliveMs: SSE_KEEPALIVE_MS, maxBufferedBytes: SSE_MAX_BUFFERED_BYTES, ...options };
  }

  /** Writes the SSE headers and the `endpoint` event, and starts keep-alive comments. */
  start(): Promise<void> {
    if (this.res.headersSent) return Promise.reject(new Error('SSE transport already started'));
    this.res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.res.write(`event: endpoint\ndata: ${this.options.endpoint}\n\n`);
    this.res.on('close', () => this.finish());
    if (this.options.keepAliveMs > 0) {
      this.keepAlive = setInterval(() => this.write(': keep-alive\n\n'), this.options.keepAliveMs);
      this.keepAlive.unref();
    }
    return Promise.resolve();
  }

  /** Sends one JSON-RPC message as an `event: message`. Rejects once the stream is closed. */
  send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) return Promise.reject(new Error('SSE stream is closed'));
    this.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
    return Promise.resolve();
  }

  /** Hands messages received on the POST endpoint to the connected server. */
  deliver(messages: readonly JSONRPCMessage[], extra: MessageExtraInfo): void {
    for (const message of messages) this.onmessage?.(message, extra);
  }

  /** Ends the stream; idempotent. */
  close(): Promise<void> {
    if (!this.res.writableEnded) this.res.end();
    this.finish();
    return Promise.resolve();
  }

  private write(chunk: string): void {
    if (this.closed || this.res.writableEnded) return;
    this.res.write(chunk);
    if (this.res.writableLength > this.options.maxBufferedBytes) {
      this.onerror?.(new Error(`SSE client is not reading: over ${this.options.maxBufferedBytes} bytes queued`));
      this.res.destroy();
      this.finish();
    }
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.onclose?.();
  }
}
