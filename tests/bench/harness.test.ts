import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runClosedLoop } from './load.js';
import { RawRpcClient } from './rpc-client.js';
import { Report, atMost, below } from './report.js';
import { median, percentile, toPercentiles } from './stats.js';

/** A stand-in stdio peer: answers each request line with `{ id, result: { id } }`, holding answers back in pairs. */
const PAIRING_ECHO = `
let buf = ''; const held = [];
process.stdin.setEncoding('utf8').on('data', (c) => {
  buf += c; let i;
  while ((i = buf.indexOf('\\n')) !== -1) {
    const m = JSON.parse(buf.slice(0, i)); buf = buf.slice(i + 1);
    if (m.id === undefined) continue;
    held.push(m.id);
    if (held.length === 2 || m.method === 'single') for (const id of held.splice(0).reverse())
      process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id, result: { id } }) + '\\n');
  }
});`;

function spawnEcho() {
  const child = spawn(process.execPath, ['-e', PAIRING_ECHO], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { client: new RawRpcClient('echo', child), end: () => (child.stdin.end(), exited) };
}

describe('stats', () => {
  it.each([
    [[5], 50, 5],
    [[1, 2, 3, 4], 50, 2],
    [[4, 3, 2, 1], 95, 4],
    [[...Array.from({ length: 100 }, (_, i) => i + 1)], 99, 99],
    [[...Array.from({ length: 100 }, (_, i) => i + 1)], 100, 100],
  ])('percentile(%j, %d) is %d by nearest rank', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('rejects an empty sample and an out-of-range percentile', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
  });

  it('summarizes a sample', () => {
    expect(toPercentiles([10, 20, 30])).toEqual({ p50: 20, p95: 30, p99: 30, count: 3 });
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe('Report', () => {
  it('prints one JSON line per figure and marks met, MISSED, NOT RUN and failed sections in the table', () => {
    const lines: string[] = [];
    const report = new Report(undefined, (line) => lines.push(line));
    report.add({ section: 's', metric: 'fast', value: 10, unit: 'ms', ...atMost(10, 50) });
    report.add({ section: 's', metric: 'growth', value: 7.5, unit: '%', ...below(7.5, 5) });
    report.add({ section: 's', metric: 'error', value: null, unit: '', note: 'server did not start' });
    report.fillMissing(
      's',
      [
        { metric: 'fast', unit: 'ms', budget: '≤ 50' },
        { metric: 'slow', unit: 'ms', budget: '≤ 9' },
      ],
      'boom',
    );

    expect(lines.map((l) => JSON.parse(l) as { metric: string }).map((f) => f.metric)).toEqual([
      'fast',
      'growth',
      'error',
      'slow',
    ]);
    const table = report.markdown();
    expect(table).toContain('| s · fast | 10 ms | ≤ 50 | met |');
    expect(table).toContain('| s · growth | 7.5 % | < 5 | MISSED |');
    expect(table).toContain('SECTION FAILED: server did not start');
    expect(table).toContain('| s · slow | n/a | ≤ 9 | NOT RUN (boom) |');
    expect(report.missed().map((f) => f.metric)).toEqual(['growth']);
  });
});

describe('RawRpcClient + runClosedLoop', () => {
  it('matches out-of-order answers by id and times every call of a closed loop', async () => {
    const { client, end } = spawnEcho();
    try {
      const seen: number[] = [];
      const result = await runClosedLoop(client, (id) => `{"jsonrpc":"2.0","id":${id},"method":"x"}\n`, {
        concurrency: 4,
        calls: 200,
        timeoutMs: 20_000,
        onResult: (res, completed) => {
          expect((res as { id: number }).id).toBeGreaterThan(0);
          seen.push(completed);
        },
      });
      expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(result.latenciesUs.every((us) => us > 0)).toBe(true);
      expect(result.callsPerSecond).toBeGreaterThan(0);
      expect(client.inFlight).toBe(0);
      expect(await client.request('single', {})).toEqual({ id: 201 });
    } finally {
      expect(await end()).toBe(0);
    }
  });

  it('rejects pending requests with the exit status when the child dies', async () => {
    const client = new RawRpcClient(
      'dies',
      spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: ['pipe', 'pipe', 'pipe'] }),
    );
    await expect(client.request('never', {}, 20_000)).rejects.toThrow(/dies exited \(code 3/);
  });
});
