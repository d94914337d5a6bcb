import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const CLI = join(import.meta.dirname, '../../dist/src/bin/cli.js');

interface RpcReply {
  jsonrpc?: unknown;
  id?: unknown;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

/** A spawned built server spoken to line by line over stdio, with every stdout line kept for inspection. */
export interface StdioPeer {
  child: ChildProcessWithoutNullStreams;
  /** Every stdout line that was not valid JSON-RPC 2.0 (must stay empty). */
  foreignLines: string[];
  /** Number of stdout lines seen. */
  lineCount(): number;
  /** Error replies with `id: null` (messages the server could not attribute, e.g. an oversize line), by code. */
  anonymousErrors: Map<number, number>;
  /** Writes raw bytes plus a newline, waiting for the pipe to drain when it is full. */
  writeLine(line: string): Promise<void>;
  /** Sends a request with a fresh string id and resolves with its reply. */
  request(method: string, params?: Record<string, unknown>): Promise<RpcReply>;
  /** Closes stdin and resolves with the exit code. */
  close(): Promise<number | null>;
}

/** Spawns `dist/src/bin/cli.js` with `args`; stderr is drained (and discarded) so the child never blocks on it. */
export function spawnStdioPeer(args: string[]): StdioPeer {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.resume();
  const foreignLines: string[] = [];
  const anonymousErrors = new Map<number, number>();
  const waiting = new Map<string, (reply: RpcReply) => void>();
  let lines = 0;
  let next = 0;
  createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
    lines += 1;
    let reply: RpcReply;
    try {
      reply = JSON.parse(line) as RpcReply;
    } catch {
      foreignLines.push(line.slice(0, 200));
      return;
    }
    if (reply.jsonrpc !== '2.0') foreignLines.push(line.slice(0, 200));
    if (typeof reply.id === 'string') waiting.get(reply.id)?.(reply);
    if (reply.id === null && reply.error) {
      anonymousErrors.set(reply.error.code, (anonymousErrors.get(reply.error.code) ?? 0) + 1);
    }
  });
  const writeLine = (line: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const ok = child.stdin.write(`${line}\n`, (error) => (error ? reject(error) : undefined));
      if (ok) resolve();
      else child.stdin.once('drain', resolve);
    });
  return {
    child,
    foreignLines,
    anonymousErrors,
    lineCount: () => lines,
    writeLine,
    async request(method, params = {}) {
      next += 1;
      const id = `peer-${next}`;
      const reply = new Promise<RpcReply>((resolve) => waiting.set(id, resolve));
      await writeLine(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      return reply;
    },
    close() {
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.stdin.end();
      return exit;
    },
  };
}
