import { killProcessTreesSync } from './stdio-transport.js';

/** What the registry hooks into: `process` in production, any emitter in tests. */
export interface ExitEmitter {
  on(event: 'exit', listener: () => void): unknown;
  off(event: 'exit', listener: () => void): unknown;
}

/** The live process groups of one pool, killed synchronously if the process exits before the pool closed them. */
export interface ProcessGroupRegistry {
  /** Records a group as started (`alive`) or reaped. */
  set(pid: number, alive: boolean): void;
  /** Kills what is left and removes the hook. */
  dispose(): void;
  readonly size: number;
}

/**
 * Tracks live process groups with an `exit` hook installed only while one is alive (so many pools in one process do
 * not pile up listeners). On `exit` — where only synchronous work can run — every remaining group gets SIGKILL, so a
 * server stopped by `process.exit` or an uncaught error leaves no child behind. (A SIGKILL of this process cannot be
 * caught; its children then see their stdin close, which ends well-behaved stdio servers.)
 */
export function createProcessGroupRegistry(emitter: ExitEmitter = process): ProcessGroupRegistry {
  const live = new Set<number>();
  const onExit = (): void => killProcessTreesSync(live);
  let hooked = false;
  const sync = (): void => {
    if (live.size > 0 && !hooked) emitter.on('exit', onExit);
    if (live.size === 0 && hooked) emitter.off('exit', onExit);
    hooked = live.size > 0;
  };
  return {
    get size() {
      return live.size;
    },
    set(pid, alive) {
      if (alive) live.add(pid);
      else live.delete(pid);
      sync();
    },
    dispose() {
      killProcessTreesSync(live);
      live.clear();
      sync();
    },
  };
}
