import type {
  DownstreamAccess,
  DownstreamCallOptions,
  DownstreamCallResult,
  DownstreamPrincipal,
  DownstreamTool,
} from '../contracts/downstream.js';
import { throwIfAborted } from '../core/signals.js';
import { toCallKey, type CachedAnswer } from './call-cache.js';
import { executeCall, type CallPlan, type ServerRuntime } from './call-executor.js';
import { DownstreamError, toUnknownToolError, UnknownDownstreamNameError } from './errors.js';

/**
 * The {@link DownstreamAccess} of one principal: it sees only servers whose allow-list names it, and fails over only
 * to group members it may also use. Lookups are map reads; the candidates of each server are computed once.
 */
export function createPrincipalAccess(
  principal: DownstreamPrincipal,
  runtimes: ReadonlyMap<string, ServerRuntime>,
): DownstreamAccess {
  const allowed = [...runtimes.values()].filter((r) => r.spec.agents.includes(principal) && !r.spec.disabled);
  const names = allowed.map((r) => r.spec.name);
  const candidates = new Map<ServerRuntime, readonly ServerRuntime[]>(
    allowed.map((r) => [
      r,
      [r, ...allowed.filter((o) => o !== r && r.spec.group !== undefined && o.spec.group === r.spec.group)],
    ]),
  );

  const resolve = (server: string): ServerRuntime => {
    const runtime = runtimes.get(server);
    if (runtime === undefined) {
      throw new UnknownDownstreamNameError('unknown_server', `Unknown downstream server "${server}".`, {
        hint: names.length
          ? `Use one of: ${names.join(', ')} (find_tools lists their tools).`
          : 'No downstream server is configured for you: add one under "mcpServers" in the config file.',
      });
    }
    if (!candidates.has(runtime)) {
      const why = runtime.spec.disabled ? 'is disabled in the configuration' : `does not allow "${principal}"`;
      throw new DownstreamError('downstream_forbidden', server, `Downstream server "${server}" ${why}.`, {
        hint: `Its "agents" allow-list is: ${runtime.spec.agents.join(', ')}.`,
      });
    }
    return runtime;
  };

  return {
    principal,
    servers: () => names,
    async listTools({ signal } = {}) {
      const lists = await Promise.all(
        allowed.map(async (r) => {
          const live = r.conn.live ?? (await r.conn.connect(signal).catch(() => undefined));
          return live?.toolList ?? [];
        }),
      );
      throwIfAborted(signal);
      return lists.flat();
    },
    async callTool(server, tool, args, options = {}) {
      const startedAt = performance.now();
      const primary = resolve(server);
      const members = candidates.get(primary) ?? [primary];
      const plan: CallPlan = {
        primary,
        candidates: members,
        tool: describeTool(primary, members, tool),
        args,
        signal: options.signal,
        onProgress: options.onProgress,
      };
      if (!plan.tool.readOnly || options.fresh === true) {
        return toResult(await executeCall(plan), tool, startedAt, false, false);
      }
      return callReadOnly(plan, options, startedAt);
    },
  };
}

/**
 * The tool as last listed by the server or, while it reconnects, by a group member. Before any connection it is
 * unknown: a provisional description (not read-only, not idempotent: no caching, no repeat after a lost request)
 * lets the first call connect, where the real list is checked.
 * @throws UnknownDownstreamNameError (`unknown_tool`) when the server has listed its tools and this is not one.
 */
function describeTool(primary: ServerRuntime, members: readonly ServerRuntime[], tool: string): DownstreamTool {
  const known = primary.conn.knownTools;
  const found = known?.tools.get(tool) ?? members.map((m) => m.conn.knownTools?.tools.get(tool)).find(Boolean);
  if (found) return found;
  if (known) throw toUnknownToolError(primary.spec.name, known.toolList, tool);
  return {
    server: primary.spec.name,
    name: tool,
    description: '',
    inputSchema: {},
    readOnly: false,
    idempotent: false,
  };
}

async function callReadOnly(
  plan: CallPlan,
  options: DownstreamCallOptions,
  startedAt: number,
): Promise<DownstreamCallResult> {
  const { primary, tool } = plan;
  const key = toCallKey(tool.name, plan.args);
  if (primary.cache) {
    const hit = primary.cache.get(key);
    if (hit) {
      primary.stats.cacheHits += 1;
      return toResult(hit, tool.name, startedAt, true, false);
    }
    primary.stats.cacheMisses += 1;
  }
  const { answer, joined } = await primary.coalescer.run(
    key,
    (signal, onProgress) =>
      signal === plan.signal && onProgress === plan.onProgress
        ? executeCall(plan)
        : executeCall({ ...plan, signal, onProgress }),
    options,
  );
  if (joined) primary.stats.coalesced += 1;
  if (primary.cache && !answer.isError && !joined) primary.cache.set(key, answer);
  return toResult(answer, tool.name, startedAt, false, joined);
}

function toResult(
  answer: CachedAnswer,
  tool: string,
  startedAt: number,
  cached: boolean,
  coalesced: boolean,
): DownstreamCallResult {
  return {
    server: answer.server,
    tool,
    content: answer.content,
    ...(answer.structuredContent !== undefined ? { structuredContent: answer.structuredContent } : {}),
    isError: answer.isError,
    cached,
    coalesced,
    attempts: cached || coalesced ? 0 : answer.attempts,
    durationMs: performance.now() - startedAt,
  };
}
