import { Transform, type TransformCallback } from 'node:stream';

/** Largest stdio message passed on, bytes: the HTTP body limit's default, well under the SDK's 10 MiB buffer. */
export const STDIO_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

const NEWLINE = 0x0a;

/**
 * A stream between stdin and the SDK's stdio transport that passes on only complete lines of at most `maxBytes`.
 * The SDK transport closes the whole connection when one message outgrows its read buffer (a single 10 MB line
 * would take the server down); this guard drops such a line instead, reads on to its newline, and reports it with
 * `onOversize(bytes)` so the caller can answer and log it.
 */
export class StdioLineGuard extends Transform {
  private readonly maxBytes: number;
  private readonly onOversize: (bytes: number) => void;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes of the line being dropped, or -1 when not dropping. */
  private droppedBytes = -1;

  constructor(onOversize: (bytes: number) => void, maxBytes = STDIO_MAX_MESSAGE_BYTES) {
    super();
    this.maxBytes = maxBytes;
    this.onOversize = onOversize;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      this.acceptPart(chunk.subarray(start, end));
      if (newline === -1) break;
      this.endLine();
      start = newline + 1;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.droppedBytes >= 0) this.onOversize(this.droppedBytes);
    else if (this.pendingBytes > 0) this.push(Buffer.concat(this.pending, this.pendingBytes));
    done();
  }

  private acceptPart(part: Buffer): void {
    if (this.droppedBytes >= 0) {
      this.droppedBytes += part.length;
      return;
    }
    if (this.pendingBytes + part.length > this.maxBytes) {
      this.droppedBytes = this.pendingBytes + part.length;
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    this.pending.push(part);
    this.pendingBytes += part.length;
  }

  private endLine(): void {
    if (this.droppedBytes >= 0) {
      this.onOversize(this.droppedBytes);
      this.droppedBytes = -1;
      return;
    }
    this.pending.push(Buffer.from([NEWLINE]));
    this.push(Buffer.concat(this.pending, this.pendingBytes + 1));
    this.pending = [];
    this.pendingBytes = 0;
  }
}
