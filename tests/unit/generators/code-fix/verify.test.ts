import { describe, expect, it } from 'vitest';
import { toLineColumn, toOffset } from '../../../../generators/code-fix/positions.js';
import {
  createUnifiedDiff,
  describeList,
  diagnosticKey,
  introducedDiagnostics,
  remainingTargets,
} from '../../../../generators/code-fix/verify.js';
import type { Diagnostic } from '../../../../src/contracts/artifact.js';

const ts = (code: string, message: string, line = 1): Diagnostic => ({
  source: 'typescript',
  severity: 'error',
  code,
  message,
  line,
  column: 1,
});

describe('introducedDiagnostics', () => {
  it.each<{ name: string; before: Diagnostic[]; after: Diagnostic[]; introduced: string[] }>([
    { name: 'nothing new', before: [ts('TS2304', 'a')], after: [], introduced: [] },
    {
      name: 'same error moved to another line',
      before: [ts('TS2304', 'a', 1)],
      after: [ts('TS2304', 'a', 9)],
      introduced: [],
    },
    { name: 'a new error', before: [ts('TS2304', 'a')], after: [ts('TS2322', 'b')], introduced: ['TS2322'] },
    {
      name: 'a second copy of an existing error',
      before: [ts('TS2304', 'a')],
      after: [ts('TS2304', 'a'), ts('TS2304', 'a')],
      introduced: ['TS2304'],
    },
    {
      name: 'environment findings are ignored',
      before: [],
      after: [ts('TS2307', "Cannot find module 'x'")],
      introduced: [],
    },
    {
      name: 'warnings are ignored',
      before: [],
      after: [{ source: 'eslint', severity: 'warning', message: 'w', code: 'no-var' }],
      introduced: [],
    },
  ])('$name', ({ before, after, introduced }) => {
    expect(introducedDiagnostics(before, after).map((d) => d.code)).toEqual(introduced);
  });
});

describe('remainingTargets and keys', () => {
  it('finds targets by source, code and message, not position', () => {
    const target = ts('TS2552', "Cannot find name 'x'.", 3);
    const keys = new Set([diagnosticKey(target)]);
    expect(
      remainingTargets([ts('TS2552', "Cannot find name 'x'.", 7), ts('TS2552', "Cannot find name 'y'.")], keys),
    ).toHaveLength(1);
    expect(remainingTargets([], keys)).toEqual([]);
  });

  it('describes diagnostics briefly', () => {
    const list = [ts('TS1', 'one.'), ts('TS2', 'two.'), ts('TS3', 'three.'), ts('TS4', 'four.')];
    expect(describeList(list)).toBe('TS1 at 1:1: one; TS2 at 1:1: two; TS3 at 1:1: three (+1 more)');
  });
});

describe('createUnifiedDiff', () => {
  it('is empty when nothing changed', () => {
    expect(createUnifiedDiff('a.ts', 'x\n', 'x\n')).toBe('');
  });

  it('has a/ and b/ headers and the changed lines', () => {
    const diff = createUnifiedDiff('src/a.ts', 'const a = 1;\nreturn usr;\n', 'const a = 1;\nreturn user;\n');
    expect(diff).toContain('--- a/src/a.ts');
    expect(diff).toContain('+++ b/src/a.ts');
    expect(diff).toContain('-return usr;');
    expect(diff).toContain('+return user;');
  });
});

describe('positions', () => {
  const text = 'ab\ncde\n\nf';
  it.each<[number, number, number]>([
    [0, 1, 1],
    [1, 1, 2],
    [3, 2, 1],
    [5, 2, 3],
    [7, 3, 1],
    [8, 4, 1],
    [99, 4, 2],
  ])('offset %i is line %i column %i', (offset, line, column) => {
    expect(toLineColumn(text, offset)).toEqual({ line, column });
  });

  it.each<[number, number, number | undefined]>([
    [1, 1, 0],
    [2, 3, 5],
    [2, 99, 6],
    [4, 1, 8],
    [5, 1, undefined],
  ])('line %i column %i is offset %j', (line, column, offset) => {
    expect(toOffset(text, line, column)).toBe(offset);
  });
});
