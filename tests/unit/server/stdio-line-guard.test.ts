import { describe, expect, it } from 'vitest';
import { StdioLineGuard } from '../../../src/server/stdio-line-guard.js';

async function run(chunks: string[], maxBytes: number): Promise<{ out: string; dropped: number[] }> {
  const dropped: number[] = [];
  const guard = new StdioLineGuard((bytes) => dropped.push(bytes), maxBytes);
  const out: Buffer[] = [];
  guard.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((resolve) => guard.on('end', resolve));
  for (const chunk of chunks) guard.write(Buffer.from(chunk));
  guard.end();
  await ended;
  return { out: Buffer.concat(out).toString(), dropped };
}

describe('StdioLineGuard', () => {
  it.each([
    ['passes short lines through unchanged', ['{"a":1}\n{"b":2}\n'], 10, '{"a":1}\n{"b":2}\n', []],
    ['joins a line split across chunks', ['{"a"', ':1}\n'], 10, '{"a":1}\n', []],
    ['drops a line over the limit and keeps the next', ['xxxxxxxxxxxx\nok\n'], 10, 'ok\n', [12]],
    ['drops a long line arriving in many chunks', ['xxxxxx', 'xxxxxx', 'xxxxxx\n', 'ok\n'], 10, 'ok\n', [18]],
    ['accepts a line of exactly the limit', ['0123456789\n'], 10, '0123456789\n', []],
    ['passes a final line without newline at end of input', ['ok\nlast'], 10, 'ok\nlast', []],
    ['reports an oversize final line without newline', ['ok\nxxxxxxxxxxxxxxx'], 10, 'ok\n', [15]],
  ])('%s', async (_name, chunks, max, out, dropped) => {
    expect(await run(chunks, max)).toEqual({ out, dropped });
  });
});
