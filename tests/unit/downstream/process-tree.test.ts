import { spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createProcessGroupRegistry } from '../../../src/downstream/exit-guard.js';
import {
  isProcessTreeAlive,
  listChildProcesses,
  listProcessGroup,
  signalProcessTree,
} from '../../../src/downstream/process-tree.js';

describe.runIf(process.platform === 'linux')('process trees (Linux /proc)', () => {
  it('lists a detached group with its grandchildren, and one SIGKILL ends them all', async () => {
    const child = spawn('sh', ['-c', 'sleep 60 & sleep 60; exit 0'], { detached: true, stdio: 'ignore' });
    await once(child, 'spawn');
    const pid = child.pid as number;
    await vi.waitFor(async () => expect(await listProcessGroup(pid)).toHaveLength(3)); // sh and two sleeps
    expect(await listChildProcesses(process.pid)).toContain(pid);
    expect(isProcessTreeAlive(pid)).toBe(true);
    const exited = once(child, 'exit');
    expect(signalProcessTree(pid, 'SIGKILL')).toBe(true);
    await exited;
    await vi.waitFor(async () => expect(await listProcessGroup(pid)).toEqual([]));
  });
});

describe.runIf(process.platform === 'linux')('exit guard', () => {
  it('hooks exit only while a group is alive, and kills the remaining groups when exit fires', async () => {
    const emitter = new EventEmitter();
    const registry = createProcessGroupRegistry(emitter);
    expect(emitter.listenerCount('exit')).toBe(0);
    const child = spawn('sh', ['-c', 'sleep 60 & sleep 60; exit 0'], { detached: true, stdio: 'ignore' });
    await once(child, 'spawn');
    const pid = child.pid as number;
    registry.set(pid, true);
    expect(emitter.listenerCount('exit')).toBe(1);
    await vi.waitFor(async () => expect(await listProcessGroup(pid)).toHaveLength(3));
    emitter.emit('exit');
    await vi.waitFor(async () => expect(await listProcessGroup(pid)).toEqual([]));
    registry.set(pid, false);
    expect(emitter.listenerCount('exit')).toBe(0);
    expect(registry.size).toBe(0);
  });
});
