import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type {
  DownstreamAccess,
  DownstreamCallResult,
  DownstreamPool,
  DownstreamPrincipal,
  DownstreamTool,
} from '../../../src/contracts/downstream.js';
import { throwIfAborted } from '../../../src/core/signals.js';

/** One call the fake saw. */
export interface SeenCall {
  principal: DownstreamPrincipal;
  server: string;
  tool: string;
  args: Record<string, unknown>;
}

/** A server of the fake: its tools and what each call does. */
export interface FakeServer {
  agents?: readonly DownstreamPrincipal[];
  tools: Record<string, (args: Record<string, unknown>, signal?: AbortSignal) => Promise<string | { error: string }>>;
}

const tool = (server: string, name: string): DownstreamTool => ({
  server,
  name,
  description: name,
  inputSchema: { type: 'object' },
  readOnly: false,
  idempotent: false,
});

/**
 * A hand-written DownstreamPool: servers are plain functions, allow-lists are honoured, every call is recorded.
 * Used to test the writer and the recorder without processes (the real pool has its own e2e tests).
 */
export function createFakePool(servers: Record<string, FakeServer>): DownstreamPool & { calls: SeenCall[] } {
  const calls: SeenCall[] = [];
  const access = (principal: DownstreamPrincipal): DownstreamAccess => {
    const names = Object.keys(servers).filter((n) => servers[n]?.agents?.includes(principal) ?? true);
    return {
      principal,
      servers: () => names,
      listTools: () =>
        Promise.resolve(names.flatMap((n) => Object.keys(servers[n]?.tools ?? {}).map((t) => tool(n, t)))),
      async callTool(server, name, args, options = {}): Promise<DownstreamCallResult> {
        if (!names.includes(server)) throw new Error(`forbidden: ${principal} → ${server}`);
        throwIfAborted(options.signal);
        calls.push({ principal, server, tool: name, args: { ...args } });
        const out = await (servers[server]?.tools[name] as FakeServer['tools'][string])({ ...args }, options.signal);
        const isError = typeof out !== 'string';
        const text = typeof out === 'string' ? out : out.error;
        return {
          server,
          tool: name,
          content: [{ type: 'text', text }],
          isError,
          cached: false,
          coalesced: false,
          attempts: 1,
          durationMs: 0,
        };
      },
    };
  };
  return {
    calls,
    access,
    status: () => Promise.resolve([]),
    discover: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

/** A filesystem server over a real directory (the tools the reference server-filesystem offers). */
export function fakeFilesystem(root: string, agents?: readonly DownstreamPrincipal[]): FakeServer {
  return {
    ...(agents ? { agents } : {}),
    tools: {
      list_allowed_directories: () => Promise.resolve(`Allowed directories:\n${root}`),
      create_directory: async (args) => {
        await mkdir(args.path as string, { recursive: true });
        return `Successfully created directory ${String(args.path)}`;
      },
      write_file: async (args) => {
        await mkdir(dirname(args.path as string), { recursive: true });
        await writeFile(args.path as string, args.content as string);
        return `Successfully wrote to ${String(args.path)}`;
      },
      read_text_file: (args) => readFile(args.path as string, 'utf8'),
    },
  };
}
