import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/**
 * Process-tree control for stdio children. On POSIX every child is spawned `detached`, so it leads its own process
 * group (pgid = its pid) and everything it starts (`npx` → `node`, `sh -c` → the server) stays in that group unless
 * it deliberately calls `setsid`; killing `-pid` reaches the whole tree. On Windows `taskkill /T /F` walks the tree.
 */

/** True when this platform kills trees through process groups (everything but Windows). */
export const USES_PROCESS_GROUPS = process.platform !== 'win32';

/**
 * Sends `signal` to the process group led by `pid` (POSIX) or kills the tree rooted at `pid` (Windows, where only
 * a forced kill exists, so SIGTERM and SIGKILL both end it).
 *
 * @returns false when nothing was left to signal.
 */
export function signalProcessTree(pid: number, signal: 'SIGTERM' | 'SIGKILL'): boolean {
  if (!USES_PROCESS_GROUPS) {
    execFile('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true }, () => undefined);
    return true;
  }
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    try {
      process.kill(pid, signal); // not a group leader (should not happen with detached spawns): the process alone
      return true;
    } catch {
      return false;
    }
  }
}

/** True while any process of the group led by `pid` exists (POSIX), or `pid` itself (Windows). */
export function isProcessTreeAlive(pid: number): boolean {
  try {
    process.kill(USES_PROCESS_GROUPS ? -pid : pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Lists the live processes of the group led by `pgid`, read from `/proc/<pid>/stat` (Linux). Zombies (exited,
 * not yet reaped) are not counted. Elsewhere it falls back to the leader alone when it is alive.
 *
 * @returns pids in ascending order.
 */
export async function listProcessGroup(pgid: number): Promise<number[]> {
  if (process.platform !== 'linux') return isProcessTreeAlive(pgid) ? [pgid] : [];
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const found: number[] = [];
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (entry) => {
        const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
        const fields = parseStat(stat);
        if (fields && fields.pgrp === pgid && fields.state !== 'Z') found.push(Number(entry));
      }),
  );
  return found.sort((a, b) => a - b);
}

/** Children of `ppid` that are alive (Linux `/proc`), for leak checks. */
export async function listChildProcesses(ppid: number): Promise<number[]> {
  if (process.platform !== 'linux') return [];
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const found: number[] = [];
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (entry) => {
        const fields = parseStat(await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => ''));
        if (fields && fields.ppid === ppid && fields.state !== 'Z') found.push(Number(entry));
      }),
  );
  return found.sort((a, b) => a - b);
}

/** `/proc/<pid>/stat`: `pid (comm) state ppid pgrp ...`; `comm` may contain spaces and parentheses. */
function parseStat(stat: string): { state: string; ppid: number; pgrp: number } | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const [state, ppid, pgrp] = stat
    .slice(close + 2)
    .split(' ')
    .slice(0, 3);
  if (state === undefined || ppid === undefined || pgrp === undefined) return undefined;
  return { state, ppid: Number(ppid), pgrp: Number(pgrp) };
}
