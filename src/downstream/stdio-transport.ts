import { spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { DownstreamError, toSpawnError } from './errors.js';
import { isProcessTreeAlive, listProcessGroup, signalProcessTree, USES_PROCESS_GROUPS } from './process-tree.js';

/** How long a closing child may take to exit after SIGTERM before the group gets SIGKILL, ms. */
export const CLOSE_GRACE_MS = 2_000;
/** Largest single JSON-RPC line accepted from a child, bytes (the SDK's stdio default is 10 MB). */
const MAX_LINE_BYTES = 10 * 1024 * 1024;
/** Characters of the child's stderr kept for error messages. */
const STDERR_TAIL_CHARS = 2_000;
/** Interval at which `close()` re-checks whether a group's remaining members have exited, ms. */
const GROUP_POLL_MS = 25;

/** What to spawn. `env` is complete (built with `buildChildEnv`): nothing else is inherited. */
export interface StdioLaunch {
  /** The configured server name, for error messages. */
  server: string;
  command: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  cwd?: string;
  /** Receives each stderr line of the child (for the debug log). */
  onStderrLine?: (line: string) => void;
}

/**
 * Sees every message before the protocol layer: `intercept` returns true for a message it consumed (the fast lane's
 * own responses and progress); `closed` runs once when the connection ends.
 */
export interface MessageInterceptor {
  intercept(message: Record<string, unknown>): boolean;
  closed(): void;
}

/** How the child ended, once it has. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * An MCP stdio client transport that owns its child's whole process tree: the child is spawned `detached` (its own
 * process group on POSIX) with an explicit environment, and `close()` ends the group — SIGTERM, then SIGKILL after
 * {@link CLOSE_GRACE_MS} — and resolves only when no member is left alive. Incoming lines are JSON-parsed and
 * handed to the protocol layer, which validates each message against the schema of its method (the transport does
 * not validate them a second time).
 */
export class ProcessGroupStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** Set by the fast lane of `tools/call` (see `fast-lane.ts`). */
  interceptor: MessageInterceptor | undefined;

  private child: ChildProcess | undefined;
  private leaderPid: number | undefined;
  private pending = '';
  private stderrTail = '';
  private exit: ChildExit | undefined;
  private exited: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;
  /** Lines written in this turn of the event loop, flushed together in one write (fewer syscalls under load). */
  private outgoing = '';
  private flushScheduled = false;
  private drained: Promise<void> | undefined;

  constructor(private readonly launch: StdioLaunch) {}

  /** The child's pid (its process-group id on POSIX) once started. */
  get pid(): number | undefined {
    return this.leaderPid;
  }

  /** The last {@link STDERR_TAIL_CHARS} characters the child wrote to stderr. */
  get stderr(): string {
    return this.stderrTail;
  }

  /** How the child ended, or undefined while it runs. */
  get exitInfo(): ChildExit | undefined {
    return this.exit;
  }

  /**
   * Spawns the child.
   * @throws DownstreamError (`downstream_spawn_failed`) naming the command, PATH and cwd when it cannot start.
   */
  async start(): Promise<void> {
    if (this.child) throw new Error('ProcessGroupStdioTransport already started');
    const { server, command, args, env, cwd } = this.launch;
    if (cwd !== undefined && !(await stat(cwd).catch(() => undefined))?.isDirectory()) {
      throw toSpawnError(server, command, env.PATH, cwd, Object.assign(new Error('cwd missing'), { code: 'ENOENT' }));
    }
    const child = spawn(command, [...args], {
      env: { ...env },
      ...(cwd !== undefined ? { cwd } : {}),
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: USES_PROCESS_GROUPS,
      shell: false,
      windowsHide: true,
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', (error) => reject(toSpawnError(server, command, env.PATH, cwd, error)));
      });
    } catch (error) {
      this.child = undefined;
      throw error;
    }
    this.leaderPid = child.pid;
    this.wire(child);
  }

  private wire(child: ChildProcess): void {
    child.on('error', (error) => this.onerror?.(error));
    child.stdin?.on('error', (error) => this.onerror?.(error));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.onData(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.onStderr(chunk));
    child.once('exit', (code, signal) => {
      this.exit = { code, signal };
      // The leader is gone; members it left behind (a wrapper's server) must not outlive it.
      if (child.pid !== undefined && USES_PROCESS_GROUPS && isProcessTreeAlive(child.pid)) {
        signalProcessTree(child.pid, 'SIGTERM');
      }
    });
    child.once('close', () => {
      this.child = undefined;
      this.interceptor?.closed();
      this.onclose?.();
    });
  }

  private onData(chunk: string): void {
    this.pending += chunk;
    if (this.pending.length > MAX_LINE_BYTES) {
      this.pending = '';
      this.onerror?.(new Error(`a message from the server exceeded ${MAX_LINE_BYTES} bytes`));
      return;
    }
    let newline = this.pending.indexOf('\n');
    while (newline !== -1) {
      const line = this.pending.slice(0, newline);
      this.pending = this.pending.slice(newline + 1);
      if (line.trim() !== '') this.dispatch(line);
      newline = this.pending.indexOf('\n');
    }
  }

  private dispatch(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.onerror?.(new Error(`the server wrote a line that is not JSON: ${line.slice(0, 200)}`));
      return;
    }
    if (typeof message !== 'object' || message === null || (message as { jsonrpc?: unknown }).jsonrpc !== '2.0') {
      this.onerror?.(new Error(`the server wrote a line that is not JSON-RPC 2.0: ${line.slice(0, 200)}`));
      return;
    }
    if (this.interceptor?.intercept(message as Record<string, unknown>) === true) return;
    this.onmessage?.(message as JSONRPCMessage);
  }

  private onStderr(chunk: string): void {
    this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    if (!this.launch.onStderrLine) return;
    for (const line of chunk.split('\n')) if (line.trim() !== '') this.launch.onStderrLine(line);
  }

  /** Writes one message; resolves once it is queued (after `drain` while the pipe pushes back). */
  send(message: JSONRPCMessage): Promise<void> {
    return this.writeLine(`${JSON.stringify(message)}\n`);
  }

  /**
   * Queues one serialized line (ending in `\n`). Lines queued in the same turn of the event loop go out in one
   * `write` at `setImmediate`, in order.
   * @throws DownstreamError (`downstream_unavailable`, transient) when the process is not running.
   */
  writeLine(line: string): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed) {
      return Promise.reject(
        new DownstreamError('downstream_unavailable', this.launch.server, 'The server process is not running.', {
          transient: true,
        }),
      );
    }
    this.outgoing += line;
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    return this.drained ?? Promise.resolve();
  }

  private flush(): void {
    this.flushScheduled = false;
    const stdin = this.child?.stdin;
    const data = this.outgoing;
    this.outgoing = '';
    if (!stdin || stdin.destroyed || data === '') return;
    if (stdin.write(data) || this.drained) return;
    this.drained = new Promise((resolve) =>
      stdin.once('drain', () => {
        this.drained = undefined;
        resolve();
      }),
    );
  }

  /** Ends the child's whole process tree; resolves when no member is alive. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.terminate();
    return this.closing;
  }

  private async terminate(): Promise<void> {
    const pid = this.leaderPid;
    if (pid !== undefined) {
      const deadline = performance.now() + CLOSE_GRACE_MS;
      if (this.exit === undefined) {
        this.flush(); // queued lines (a last notifications/cancelled) go out before stdin ends
        this.child?.stdin?.end();
        signalProcessTree(pid, 'SIGTERM');
        const timer = setTimeout(() => signalProcessTree(pid, 'SIGKILL'), CLOSE_GRACE_MS);
        await this.exited;
        clearTimeout(timer);
      }
      await waitForGroupToEnd(pid, deadline);
    }
    this.pending = '';
  }
}

/** Waits until the group led by `pgid` has no live member, sending SIGKILL once `deadline` (performance.now) passes. */
async function waitForGroupToEnd(pgid: number, deadline: number): Promise<void> {
  if (!USES_PROCESS_GROUPS) return;
  for (;;) {
    if ((await listProcessGroup(pgid)).length === 0) return;
    if (performance.now() >= deadline) {
      signalProcessTree(pgid, 'SIGKILL');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, GROUP_POLL_MS));
  }
}

/** Kills every group in `pids` at once with SIGKILL; for `process.on('exit')`, where only synchronous work runs. */
export function killProcessTreesSync(pids: Iterable<number>): void {
  for (const pid of pids) {
    try {
      signalProcessTree(pid, 'SIGKILL');
    } catch {
      // Exiting anyway; a group that is already gone is fine.
    }
  }
}
