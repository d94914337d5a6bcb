import { Client, type Tool } from '@modelcontextprotocol/client';
import type { DownstreamState, DownstreamTool } from '../contracts/downstream.js';
import type { Logger } from '../core/logger.js';
import type { DownstreamServerSpec } from './config.js';
import { StdioFastLane } from './fast-lane.js';
import { createMaintenance } from './maintenance.js';
import { describeExit, toBackoffError, toConnectError, toShutDownError } from './connection-errors.js';
import { DownstreamError } from './errors.js';
import { raceWithSignal } from '../core/signals.js';
import { indexTools } from './tool-index.js';
import { createTransport, type CreatedTransport } from './transports.js';

/** Timing of connections; the pool passes these (tests shorten them). */
export interface ConnectionTiming {
  /** Limit of connect + initialize + first `tools/list`, ms (a first `npx -y` may download the package). */
  connectTimeoutMs: number;
  /** A connected server silent this long is pinged; a failed ping recycles the connection, ms. */
  healthIntervalMs: number;
  /** First reconnect delay after a crash, doubled per consecutive failure up to `backoffMaxMs`, ms. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Consecutive failures after which reconnects stop being scheduled (the next call still tries). */
  eagerReconnects: number;
}

/** What a connection reports to its pool. */
export interface ConnectionHooks {
  onState(server: string, state: DownstreamState, error?: string): void;
  /** A reconnect succeeded after a crash or a failed health check. */
  onRestart(server: string): void;
  /** A process group started (pid) or has been reaped. */
  onProcess(pid: number, alive: boolean): void;
}

/** A connected server: the SDK client and its cached tools (refreshed on `list_changed` and reconnect). */
export interface LiveConnection {
  readonly client: Client;
  /** `tools/call` without the SDK's per-request work, on stdio connections (see {@link StdioFastLane}). */
  readonly fast: StdioFastLane | undefined;
  tools: ReadonlyMap<string, DownstreamTool>;
  toolList: readonly DownstreamTool[];
}

interface Session extends LiveConnection {
  readonly created: CreatedTransport;
  /** Closed by us (idle, shutdown): not a crash. */
  intentional: boolean;
  /** Set when we recycle a connection that stopped answering. */
  recycleReason?: string;
}

/**
 * One configured server's connection lifecycle: lazy connect, tool discovery, health pings, idle shutdown, and
 * reconnect with exponential backoff after a crash. At most one process group per server exists at any time: a new
 * spawn waits until the previous group has been reaped (the process cap).
 */
export class ServerConnection {
  state: DownstreamState;
  lastError: string | undefined;
  /** Calls in flight (for idle shutdown). */
  inFlight = 0;
  /** performance.now() of the last finished call or successful ping. */
  lastUsedAt = performance.now();
  private session: Session | undefined;
  private lastSession: LiveConnection | undefined;
  private connecting: Promise<LiveConnection> | undefined;
  private reaping: Promise<void> = Promise.resolve();
  private failures = 0;
  private retryAt = 0;
  private crashed = false;
  /** The last failed connect, whose hint a backoff refusal repeats. */
  private lastFailure: DownstreamError | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly spec: DownstreamServerSpec,
    private readonly clientInfo: { name: string; version: string },
    private readonly timing: ConnectionTiming,
    private readonly hooks: ConnectionHooks,
    private readonly logger: Logger,
  ) {
    this.state = spec.disabled ? 'disabled' : 'idle';
  }

  /** The connected session, if any (the synchronous hot path). */
  get live(): LiveConnection | undefined {
    return this.session;
  }

  /** The tools of the current session, or of the last one while reconnecting (for routing and failover). */
  get knownTools(): LiveConnection | undefined {
    return this.session ?? this.lastSession;
  }

  /** The stdio child's pid (its process-group id) while one runs. */
  get pid(): number | undefined {
    return this.session?.created.stdio?.pid;
  }

  /** Milliseconds until a server in backoff may be tried again. */
  retryInMs(): number {
    return this.state === 'backoff' ? Math.max(0, this.retryAt - performance.now()) : 0;
  }

  /**
   * Connects (or joins the connect in progress). The connect itself is bounded by `connectTimeoutMs`, not by the
   * caller's signal, so one caller giving up does not fail the others.
   * @throws DownstreamError `downstream_unavailable` (transient while in backoff), `downstream_spawn_failed`.
   * @throws CancelledError when `signal` aborts first.
   */
  connect(signal?: AbortSignal): Promise<LiveConnection> {
    if (this.session) return Promise.resolve(this.session);
    if (this.state === 'closed' || this.state === 'disabled') {
      const why = this.state === 'disabled' ? 'is disabled in the configuration' : 'has been shut down';
      return Promise.reject(
        new DownstreamError('downstream_unavailable', this.spec.name, `Server "${this.spec.name}" ${why}.`),
      );
    }
    if (!this.connecting && this.state === 'backoff' && performance.now() < this.retryAt) {
      return Promise.reject(this.backoffError());
    }
    const connecting = this.startConnect();
    return signal ? raceWithSignal(connecting, signal) : connecting;
  }

  private startConnect(): Promise<LiveConnection> {
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private backoffError(): DownstreamError {
    return toBackoffError(this.spec.name, Math.ceil(this.retryInMs()), this.lastError, this.lastFailure?.hint);
  }

  private async open(): Promise<LiveConnection> {
    clearTimeout(this.reconnectTimer);
    this.setState('connecting');
    await this.reaping; // the process cap: never two process groups for one server
    if (this.isClosed()) throw toShutDownError(this.spec.name);
    const created = createTransport(this.spec, this.logger);
    const client = new Client(this.clientInfo, {
      capabilities: {},
      listChanged: { tools: { onChanged: (error, tools) => this.onToolsChanged(client, error, tools) } },
    });
    const signal = AbortSignal.timeout(this.timing.connectTimeoutMs);
    const track = (): void => {
      const pid = created.stdio?.pid;
      if (pid !== undefined) this.hooks.onProcess(pid, true); // a Set: tracking twice is harmless
    };
    try {
      await client.connect(created.transport, { signal, timeout: this.timing.connectTimeoutMs });
      track();
      const { tools } = await client.listTools(undefined, { signal, timeout: this.timing.connectTimeoutMs });
      return this.adopt(client, created, tools);
    } catch (error) {
      track();
      await client.close().catch(() => undefined);
      this.reap(created);
      const failure = toConnectError(this.spec.name, error, created, this.timing.connectTimeoutMs);
      this.lastFailure = failure;
      if (!this.isClosed()) this.enterBackoff(failure.message);
      throw failure;
    }
  }

  /** A method, not a field read, so TypeScript does not carry a narrowing of `state` across an `await`. */
  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private adopt(client: Client, created: CreatedTransport, tools: readonly Tool[]): LiveConnection {
    const fast = created.stdio ? new StdioFastLane(created.stdio, this.spec.name) : undefined;
    const session: Session = { client, fast, created, intentional: false, ...indexTools(this.spec.name, tools) };
    if (this.state === 'closed') {
      session.intentional = true;
      void client.close().catch(() => undefined);
      this.reap(created);
      throw toShutDownError(this.spec.name);
    }
    client.onclose = () => this.onClosed(session);
    this.session = session;
    this.lastSession = session;
    this.failures = 0;
    this.lastUsedAt = performance.now();
    if (this.crashed) this.hooks.onRestart(this.spec.name);
    this.crashed = false;
    this.startMaintenance();
    this.setState('connected');
    this.logger.info({ server: this.spec.name, tools: session.toolList.length, pid: this.pid }, 'downstream connected');
    return session;
  }

  private onToolsChanged(client: Client, error: Error | null, tools: Tool[] | null): void {
    const session = this.session;
    if (!session || session.client !== client) return;
    if (error || !tools) {
      this.logger.warn({ server: this.spec.name, err: error }, 'downstream tools/list refresh failed');
      return;
    }
    Object.assign(session, indexTools(this.spec.name, tools));
    this.logger.info({ server: this.spec.name, tools: tools.length }, 'downstream tool list changed');
  }

  private onClosed(session: Session): void {
    if (this.session !== session) return;
    this.session = undefined;
    this.stopMaintenance();
    this.reap(session.created);
    if (session.intentional) return;
    this.crashed = true;
    const exit = describeExit(session.created);
    this.enterBackoff(session.recycleReason ?? (exit ? `process ${exit}` : 'connection closed'));
    this.logger.warn({ server: this.spec.name, error: this.lastError }, 'downstream connection lost');
  }

  private reap(created: CreatedTransport): void {
    const pid = created.stdio?.pid;
    const closing = created.transport.close().catch(() => undefined);
    this.reaping = Promise.all([this.reaping, closing]).then(() => {
      if (pid !== undefined) this.hooks.onProcess(pid, false);
    });
  }

  private enterBackoff(error: string): void {
    this.failures += 1;
    this.lastError = error;
    const delayMs = Math.min(this.timing.backoffMaxMs, this.timing.backoffBaseMs * 2 ** (this.failures - 1));
    const jittered = delayMs / 2 + (Math.random() * delayMs) / 2;
    this.retryAt = performance.now() + jittered;
    this.setState('backoff', error);
    clearTimeout(this.reconnectTimer);
    if (this.failures <= this.timing.eagerReconnects) {
      this.reconnectTimer = setTimeout(() => {
        if (this.state === 'backoff') this.startConnect().catch(() => undefined);
      }, jittered).unref();
    }
  }

  /** Recycles a connection that stopped answering (failed health check); it reconnects with backoff. */
  recycle(reason: string): void {
    const session = this.session;
    if (!session) return;
    session.recycleReason = reason;
    void session.client.close().catch(() => undefined);
  }

  private startMaintenance(): void {
    const idle = this.spec.idleTimeoutMs;
    const everyMs = Math.max(25, Math.min(this.timing.healthIntervalMs, idle > 0 ? idle / 2 : Infinity));
    const tick = createMaintenance({
      spec: this.spec,
      healthIntervalMs: this.timing.healthIntervalMs,
      logger: this.logger,
      live: () => this.session,
      pid: () => this.pid,
      inFlight: () => this.inFlight,
      lastUsedAt: () => this.lastUsedAt,
      touch: () => {
        this.lastUsedAt = performance.now();
      },
      recycle: (reason) => this.recycle(reason),
      closeIdle: () => {
        const session = this.session;
        if (session) void this.shutdown(session, 'idle');
      },
    });
    this.timer = setInterval(tick, everyMs).unref();
  }

  private stopMaintenance(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async shutdown(session: Session, next: 'idle' | 'closed'): Promise<void> {
    session.intentional = true;
    if (this.session === session) this.session = undefined; // new calls reconnect instead of using a closing session
    this.stopMaintenance();
    this.setState(next);
    await session.client.close().catch(() => undefined);
    this.reap(session.created);
    await this.reaping;
  }

  /** Closes the connection and kills its process tree for good. Idempotent. */
  async close(): Promise<void> {
    clearTimeout(this.reconnectTimer);
    this.stopMaintenance();
    const session = this.session;
    if (session) await this.shutdown(session, 'closed');
    this.setState('closed');
    await this.connecting?.catch(() => undefined);
    await this.reaping;
  }

  private setState(state: DownstreamState, error?: string): void {
    if (this.state === state) return;
    if (this.state === 'closed' && state !== 'closed') return;
    this.state = state;
    this.hooks.onState(this.spec.name, state, error);
  }
}
