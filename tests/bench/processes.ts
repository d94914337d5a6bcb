import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawRpcClient } from './rpc-client.js';

/** Which server a process runs: ours (dist/src/bin/cli.js) or the SDK floor (floor-server.js). */
export type ServerKind = 'ours' | 'floor';

/** How long a closing child may take to exit after stdin ends, before it is killed, ms. */
const CLOSE_GRACE_MS = 2_000;

/** Files the benchmark reads, absolute. `root` is the repository root. */
export interface BenchPaths {
  root: string;
  cli: string;
  floor: string;
  planner: string;
  featureRequest: string;
  architectureBrief: string;
  fixCases: string;
}

/** Resolves every path the sections use from the repository root and this module's (compiled) directory. */
export function toBenchPaths(root: string, benchDir: string): BenchPaths {
  return {
    root,
    cli: join(root, 'dist/src/bin/cli.js'),
    floor: join(benchDir, 'floor-server.js'),
    planner: join(root, 'dist/src/orchestrator/planner.js'),
    featureRequest: join(root, 'examples/inputs/feature-request.json'),
    architectureBrief: join(root, 'examples/inputs/architecture-brief.json'),
    fixCases: join(root, 'tests/fixtures/code-fix/cases.json'),
  };
}

/** A spawned server: its raw client and the `process.hrtime.bigint()` reading taken just before `spawn()`. */
export interface SpawnedServer {
  client: RawRpcClient;
  spawnedAtNs: bigint;
}

interface Tracked {
  child: ChildProcessWithoutNullStreams;
  workspace: string | undefined;
}

/**
 * Owns every child process the benchmark starts, so each is closed (stdin end, then SIGKILL after
 * {@link CLOSE_GRACE_MS}) when its section ends, and all of them on exit or error. Our server gets a fresh
 * temporary `--workspace` and `--log-level warn`; the workspace is deleted when the process is closed.
 */
export class ProcessRegistry {
  private readonly tracked = new Map<RawRpcClient, Tracked>();

  constructor(private readonly paths: BenchPaths) {}

  /**
   * Spawns one server with `node` (the running binary) and piped stdio; does not initialize it.
   *
   * @throws Error when the server's entry file is missing (not built).
   */
  spawn(kind: ServerKind): SpawnedServer {
    const entry = kind === 'ours' ? this.paths.cli : this.paths.floor;
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
    const workspace = kind === 'ours' ? mkdtempSync(join(tmpdir(), 'moc-bench-')) : undefined;
    const args =
      kind === 'ours'
        ? [
            entry,
            '--workspace',
            workspace as string,
            '--data-dir',
            join(workspace as string, '.data'),
            '--log-level',
            'warn',
          ]
        : [entry];
    const spawnedAtNs = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], cwd: this.paths.root });
    const client = new RawRpcClient(kind, child);
    this.tracked.set(client, { child, workspace });
    return { client, spawnedAtNs };
  }

  /** Spawns and initializes a server. */
  async start(kind: ServerKind): Promise<RawRpcClient> {
    const { client } = this.spawn(kind);
    await client.initialize();
    return client;
  }

  /** Closes one server: ends its stdin, waits up to {@link CLOSE_GRACE_MS}, then SIGKILL; removes its workspace. */
  async close(client: RawRpcClient): Promise<void> {
    const entry = this.tracked.get(client);
    if (!entry) return;
    this.tracked.delete(client);
    const { child, workspace } = entry;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  }

  /** Closes every server still running. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.tracked.keys()].map((client) => this.close(client)));
  }

  /** Last resort for signal/exit handlers: SIGKILL every tracked child and delete workspaces, synchronously. */
  killAllSync(): void {
    for (const { child, workspace } of this.tracked.values()) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (workspace) rmSync(workspace, { recursive: true, force: true });
    }
    this.tracked.clear();
  }

  /** Number of children still tracked (0 after {@link closeAll}). */
  get size(): number {
    return this.tracked.size;
  }
}
