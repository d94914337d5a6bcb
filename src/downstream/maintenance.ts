import type { Logger } from '../core/logger.js';
import type { DownstreamServerSpec } from './config.js';
import { listProcessGroup } from './process-tree.js';
import type { LiveConnection } from './server-connection.js';

/** Health-check ping limit, ms. */
export const PING_TIMEOUT_MS = 5_000;

/** What the periodic maintenance of one connection reads and may do. */
export interface MaintenanceTarget {
  spec: DownstreamServerSpec;
  healthIntervalMs: number;
  logger: Logger;
  live(): LiveConnection | undefined;
  pid(): number | undefined;
  inFlight(): number;
  /** performance.now() of the last finished call or successful ping. */
  lastUsedAt(): number;
  touch(): void;
  /** Kills the connection's process tree and reconnects with backoff (counted as a crash). */
  recycle(reason: string): void;
  closeIdle(): void;
}

/**
 * The tick of one connection's maintenance timer:
 * - idle shutdown: no call in flight for `idle_timeout_ms` → the connection and its processes are closed;
 * - health check: silent for `healthIntervalMs` → `ping`; a failed ping recycles the connection;
 * - process cap: every `healthIntervalMs` the process group is counted (Linux `/proc`); more than `max_processes`
 *   live members (a server leaking children) recycles it.
 */
export function createMaintenance(target: MaintenanceTarget): () => void {
  let pinging = false;
  let counting = false;
  let countedAt = performance.now();
  const checkProcesses = (): void => {
    const pid = target.pid();
    if (pid === undefined || counting || performance.now() - countedAt < target.healthIntervalMs) return;
    counting = true;
    countedAt = performance.now();
    void listProcessGroup(pid)
      .then((members) => {
        if (members.length > target.spec.maxProcesses && target.pid() === pid) {
          target.recycle(`process cap: ${members.length} live processes > max_processes ${target.spec.maxProcesses}`);
        }
      })
      .finally(() => {
        counting = false;
      });
  };
  return () => {
    const live = target.live();
    if (!live) return;
    checkProcesses();
    if (target.inFlight() > 0 || pinging) return;
    const quietMs = performance.now() - target.lastUsedAt();
    if (target.spec.idleTimeoutMs > 0 && quietMs >= target.spec.idleTimeoutMs) {
      target.logger.info({ server: target.spec.name, idleMs: Math.round(quietMs) }, 'downstream idle: closing');
      target.closeIdle();
      return;
    }
    if (quietMs < target.healthIntervalMs) return;
    pinging = true;
    live.client
      .ping({ timeout: PING_TIMEOUT_MS })
      .then(() => target.touch())
      .catch((error: unknown) => target.recycle(`health check failed: ${(error as Error).message}`))
      .finally(() => {
        pinging = false;
      });
  };
}
