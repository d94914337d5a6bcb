import { describe, expect, it } from 'vitest';
import {
  createCoalescer,
  createResultCache,
  toCallKey,
  type CachedAnswer,
} from '../../../src/downstream/call-cache.js';

const answer = (text: string): CachedAnswer => ({
  server: 's',
  content: [{ type: 'text', text }],
  isError: false,
  attempts: 1,
});

/** A promise the test settles by hand. */
function deferred() {
  let resolve!: (a: CachedAnswer) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<CachedAnswer>((r, j) => {
    resolve = r;
    reject = j;
  });
  return { promise, resolve, reject };
}

describe('call keys', () => {
  it.each([
    [{ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 }, true],
    [{ a: 1 }, { a: '1' }, false],
    [{ a: [1, 2] }, { a: [2, 1] }, false],
    [{ a: null }, {}, false],
  ])('toCallKey(%j) equals toCallKey(%j): %s', (x, y, same) => {
    expect(toCallKey('t', x) === toCallKey('t', y)).toBe(same);
  });
});

describe('coalescer', () => {
  it('starts one downstream call for identical calls in flight and shares its answer', async () => {
    const coalescer = createCoalescer();
    const d = deferred();
    let starts = 0;
    const start = () => {
      starts += 1;
      return d.promise;
    };
    const first = coalescer.run('k', start, {});
    const second = coalescer.run('k', start, {});
    d.resolve(answer('one'));
    expect(await first).toMatchObject({ joined: false, answer: { content: [{ text: 'one' }] } });
    expect(await second).toMatchObject({ joined: true });
    expect(starts).toBe(1);
    expect(coalescer.size).toBe(0);
  });

  it("lets a later caller cancel alone, leaving the leader's request running", async () => {
    const coalescer = createCoalescer();
    const d = deferred();
    const leader = new AbortController();
    const joiner = new AbortController();
    const start = (signal: AbortSignal | undefined) => {
      expect(signal).toBe(leader.signal);
      return d.promise;
    };
    const first = coalescer.run('k', start, { signal: leader.signal });
    const second = coalescer.run('k', start, { signal: joiner.signal });
    joiner.abort();
    await expect(second).rejects.toMatchObject({ code: 'cancelled' });
    expect(leader.signal.aborted).toBe(false);
    d.resolve(answer('x'));
    expect((await first).joined).toBe(false);
  });

  it("starts a fresh request for a waiter when the leader cancels, so it never sees another caller's cancel", async () => {
    const coalescer = createCoalescer();
    const leader = new AbortController();
    const requests: Array<ReturnType<typeof deferred>> = [];
    const start = (signal: AbortSignal | undefined) => {
      const d = deferred();
      requests.push(d);
      signal?.addEventListener('abort', () => d.reject(new Error('cancelled downstream')));
      return d.promise;
    };
    const first = coalescer.run('k', start, { signal: leader.signal });
    const second = coalescer.run('k', start, {});
    leader.abort();
    await expect(first).rejects.toThrow('cancelled downstream');
    await Promise.resolve();
    await Promise.resolve();
    expect(requests).toHaveLength(2);
    requests[1]?.resolve(answer('again'));
    expect(await second).toMatchObject({ joined: false, answer: { content: [{ text: 'again' }] } });
  });

  it("forwards the leader's progress to every waiter", async () => {
    const coalescer = createCoalescer();
    const d = deferred();
    let report: ((p: { progress: number }) => void) | undefined;
    const seen: string[] = [];
    const start = (_s: AbortSignal | undefined, onProgress: ((p: { progress: number }) => void) | undefined) => {
      report = onProgress;
      return d.promise;
    };
    const first = coalescer.run('k', start, { onProgress: (p) => seen.push(`a${p.progress}`) });
    const second = coalescer.run('k', start, { onProgress: (p) => seen.push(`b${p.progress}`) });
    report?.({ progress: 1 });
    d.resolve(answer('x'));
    await Promise.all([first, second]);
    expect(seen).toEqual(['a1', 'b1']);
  });
});

describe('result cache', () => {
  it('keeps answers within its TTL (lru-cache)', () => {
    const cache = createResultCache(60_000);
    cache.set('k', answer('cached'));
    expect(cache.get('k')?.content).toEqual([{ type: 'text', text: 'cached' }]);
    expect(cache.get('other')).toBeUndefined();
  });
});
