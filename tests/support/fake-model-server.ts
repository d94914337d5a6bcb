import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One scripted answer of the fake model server: a status with a JSON body, optional headers, or a stall (headers
 * never sent, the socket held open until the client gives up or the server closes).
 */
export type FakeReply = StaticReply | { stall: true } | ((request: RecordedRequest) => StaticReply);

/** A status with a JSON body and optional headers. */
export interface StaticReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A request the server received. `body` is the parsed JSON. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** A real HTTP server on 127.0.0.1 that answers model API calls from a script (the allowed double for a model). */
export interface FakeModelServer {
  /** `http://127.0.0.1:<port>`; append `/v1` for OpenAI-compatible clients. */
  url: string;
  requests: RecordedRequest[];
  /** Appends replies; when the script runs out, `fallback` answers (default: HTTP 500). */
  script(...replies: FakeReply[]): void;
  fallback: FakeReply;
  close(): Promise<void>;
}

/** An OpenAI Chat Completions answer with `text` (and usage). */
export function chatCompletion(text: string, usage = { prompt_tokens: 120, completion_tokens: 30 }): StaticReply {
  return {
    status: 200,
    body: {
      id: 'chatcmpl-1',
      model: 'fake-gpt',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: text } }],
      usage,
    },
  };
}

/** An Anthropic Messages answer with `text` (and usage). */
export function anthropicMessage(text: string, usage = { input_tokens: 100, output_tokens: 20 }): StaticReply {
  return {
    status: 200,
    body: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'fake-claude',
      stop_reason: 'end_turn',
      content: [{ type: 'text', text }],
      usage,
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Starts the fake server on an ephemeral port of 127.0.0.1. */
export async function startFakeModelServer(): Promise<FakeModelServer> {
  const queue: FakeReply[] = [];
  const stalled = new Set<ServerResponse>();
  const requests: RecordedRequest[] = [];
  const state: { fallback: FakeReply } = {
    fallback: { status: 500, body: { error: { message: 'script exhausted' } } },
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: await readBody(req),
      };
      requests.push(recorded);
      const reply = queue.shift() ?? state.fallback;
      if ('stall' in reply) {
        stalled.add(res);
        res.on('close', () => stalled.delete(res));
        return;
      }
      const answer = typeof reply === 'function' ? reply(recorded) : reply;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => void queue.push(...replies),
    get fallback() {
      return state.fallback;
    },
    set fallback(reply: FakeReply) {
      state.fallback = reply;
    },
    async close() {
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
