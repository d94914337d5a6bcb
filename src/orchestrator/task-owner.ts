import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { TaskOwner } from '../contracts/task.js';

/**
 * Whether the process that owns a running task can still be running it: `self` (this app instance), `alive`
 * (another live process on this host), `unknown` (another host: its liveness cannot be checked from here), `gone`.
 */
export type OwnerState = 'self' | 'alive' | 'unknown' | 'gone';

/** The identity of this app instance, written into the tasks it runs. */
export function createTaskOwner(now: Date = new Date()): TaskOwner {
  return { instance_id: randomUUID(), pid: process.pid, hostname: hostname(), started_at: now.toISOString() };
}

/** True when a process with `pid` exists (`kill(pid, 0)`; EPERM means it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Classifies the owner of a running task as seen by `self`. A different instance with this process's own pid is
 * `gone`: it was an earlier process that had the same pid (pid 1 in a container restarted on the same volume). Two
 * app instances in one process sharing a data directory would misread each other this way; only tests do that.
 */
export function toOwnerState(
  owner: TaskOwner | null,
  self: TaskOwner,
  isAlive: (pid: number) => boolean = isProcessAlive,
): OwnerState {
  if (owner === null) return 'gone';
  if (owner.instance_id === self.instance_id) return 'self';
  if (owner.hostname !== self.hostname) return 'unknown';
  if (owner.pid === self.pid) return 'gone';
  return isAlive(owner.pid) ? 'alive' : 'gone';
}
