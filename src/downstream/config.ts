import { z } from 'zod';
import { DOWNSTREAM_PRINCIPALS, type DownstreamPrincipal } from '../contracts/downstream.js';

/** Default time limit of one downstream call, ms (under the ~45 s clients tolerate, PLATFORM.md). */
export const DEFAULT_DOWNSTREAM_TIMEOUT_MS = 30_000;
/** Default cap on calls in flight to one server; more wait in FIFO order. */
export const DEFAULT_MAX_CONCURRENT = 32;
/** Default cap on live processes in one stdio server's process group (the server, a wrapper, its helpers). */
export const DEFAULT_MAX_PROCESSES = 32;
/** Default idle time after which a connection is closed (and its processes ended), ms. 0 keeps it open. */
export const DEFAULT_IDLE_TIMEOUT_MS = 300_000;

const NonEmpty = z.string().trim().min(1);
const Timeout = z.number().int().min(100).max(600_000);

/**
 * One `mcpServers` entry: the Claude Desktop / Claude Code / Cursor shape (`command`/`args`/`env`/`cwd` for stdio,
 * `url`/`headers` for Streamable HTTP, `type: "sse"` for legacy SSE) plus our options. Strict: an unknown key is an
 * error naming it.
 */
export const DownstreamEntrySchema = z
  .object({
    type: z.enum(['stdio', 'http', 'streamable-http', 'sse']).optional(),
    command: NonEmpty.optional(),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
    cwd: NonEmpty.optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    headers: z.record(z.string(), z.string()).default({}),
    /** Principals allowed to use this server; absent: all of them. */
    agents: z.array(z.enum(DOWNSTREAM_PRINCIPALS)).min(1).optional(),
    /** Servers sharing a group offer the same capability; a failed call moves to another member. */
    group: NonEmpty.optional(),
    timeout_ms: Timeout.default(DEFAULT_DOWNSTREAM_TIMEOUT_MS),
    max_concurrent: z.number().int().min(1).max(1_024).default(DEFAULT_MAX_CONCURRENT),
    /** Results of read-only tools are cached this long; 0 (default) disables the cache. */
    cache_ttl_ms: z.number().int().min(0).max(86_400_000).default(0),
    idle_timeout_ms: z.number().int().min(0).max(86_400_000).default(DEFAULT_IDLE_TIMEOUT_MS),
    /** Most live processes the server's process group may hold; more (a leak) restarts it. */
    max_processes: z.number().int().min(1).max(10_000).default(DEFAULT_MAX_PROCESSES),
    disabled: z.boolean().default(false),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const wantsStdio = entry.type === 'stdio' || (entry.type === undefined && entry.url === undefined);
    if (wantsStdio && entry.command === undefined) {
      ctx.addIssue({ code: 'custom', path: ['command'], message: 'a stdio server needs "command" (or give "url")' });
    }
    if (!wantsStdio && entry.url === undefined) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: `a ${entry.type ?? 'remote'} server needs "url"` });
    }
    if (entry.command !== undefined && entry.url !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'give either "command" (stdio) or "url", not both' });
    }
  });

/** A validated stdio server. `env` is the entry's own variables (merged with the inherited allow-list at spawn). */
export interface StdioServerSpec {
  transport: 'stdio';
  command: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  cwd?: string;
}

/** A validated remote server (Streamable HTTP or legacy SSE). */
export interface RemoteServerSpec {
  transport: 'http' | 'sse';
  url: string;
  headers: Readonly<Record<string, string>>;
}

/** A validated entry, ready for the pool. */
export type DownstreamServerSpec = (StdioServerSpec | RemoteServerSpec) & {
  name: string;
  agents: readonly DownstreamPrincipal[];
  /** True when `agents` was absent (every principal, including ones added later). */
  allAgents: boolean;
  group?: string;
  timeoutMs: number;
  maxConcurrent: number;
  cacheTtlMs: number;
  idleTimeoutMs: number;
  maxProcesses: number;
  disabled: boolean;
};

/** A rejected entry: the server name, the offending field (dotted path) and what is wrong. */
export interface DownstreamConfigProblem {
  server: string;
  field: string;
  message: string;
}

/** Both halves of {@link parseDownstreamServers}: the usable servers and the rejected entries. */
export interface ParsedDownstreamServers {
  servers: DownstreamServerSpec[];
  problems: DownstreamConfigProblem[];
}

/**
 * Validates each `mcpServers` entry on its own, so one bad entry never stops the others (issue #3).
 * Pure: reads no environment (the child environment is built at spawn).
 *
 * @param raw - the `mcpServers` object of the configuration.
 * @returns usable servers in configuration order, and one problem per offending field of each rejected entry.
 */
export function parseDownstreamServers(raw: Readonly<Record<string, unknown>>): ParsedDownstreamServers {
  const servers: DownstreamServerSpec[] = [];
  const problems: DownstreamConfigProblem[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const nameProblem = checkServerName(name);
    if (nameProblem) {
      problems.push({ server: name, field: '(name)', message: nameProblem });
      continue;
    }
    const result = DownstreamEntrySchema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(toProblem(name, issue));
      continue;
    }
    servers.push(toSpec(name, result.data));
  }
  return { servers, problems };
}

/** Server names appear in `call_tool` and in clients' limits (server + tool ≤ 60 characters in Cursor). */
function checkServerName(name: string): string | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(name)) {
    return 'a server name is 1–40 characters of letters, digits, "_", "-" or "." and starts with a letter or digit';
  }
  return undefined;
}

function toProblem(server: string, issue: z.core.$ZodIssue): DownstreamConfigProblem {
  if (issue.code === 'unrecognized_keys') {
    return { server, field: issue.keys.join(', '), message: `unknown key${issue.keys.length > 1 ? 's' : ''}` };
  }
  return { server, field: issue.path.map(String).join('.') || '(entry)', message: issue.message };
}

function toSpec(name: string, entry: z.infer<typeof DownstreamEntrySchema>): DownstreamServerSpec {
  const common = {
    name,
    agents: entry.agents ?? DOWNSTREAM_PRINCIPALS,
    allAgents: entry.agents === undefined,
    ...(entry.group !== undefined ? { group: entry.group } : {}),
    timeoutMs: entry.timeout_ms,
    maxConcurrent: entry.max_concurrent,
    cacheTtlMs: entry.cache_ttl_ms,
    idleTimeoutMs: entry.idle_timeout_ms,
    maxProcesses: entry.max_processes,
    disabled: entry.disabled,
  };
  if (entry.url !== undefined) {
    return { ...common, transport: entry.type === 'sse' ? 'sse' : 'http', url: entry.url, headers: entry.headers };
  }
  return {
    ...common,
    transport: 'stdio',
    command: entry.command ?? '',
    args: entry.args,
    env: entry.env,
    ...(entry.cwd !== undefined ? { cwd: entry.cwd } : {}),
  };
}

/** Formats problems for one log line or error text: `fs.command: Required; web: unknown key "urll"`. */
export function formatConfigProblems(problems: readonly DownstreamConfigProblem[]): string {
  return problems
    .map((p) => `mcpServers.${p.server}${p.field === '(entry)' ? '' : `.${p.field}`}: ${p.message}`)
    .join('; ');
}
