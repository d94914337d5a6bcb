import { describe, expect, it } from 'vitest';
import type ts from 'typescript';
import {
  applyTextChanges,
  countForbidden,
  fixTier,
  rankCandidates,
  toCandidate,
  type FixCandidate,
} from '../../../../generators/code-fix/ts-fix-policy.js';

const FILE = '/virtual/input.ts';

function change(start: number, length: number, newText: string): ts.TextChange {
  return { span: { start, length }, newText };
}

function fix(overrides: Partial<Parameters<typeof toCandidate>[0]> = {}): Parameters<typeof toCandidate>[0] {
  return {
    fixName: 'spelling',
    description: "Change spelling to 'total'",
    changes: [{ fileName: FILE, textChanges: [change(0, 5, 'total')] }],
    ...overrides,
  };
}

describe('toCandidate', () => {
  it('keeps a plain fix for the file', () => {
    expect(toCandidate(fix(), FILE)).toMatchObject({ fixName: 'spelling', tier: 0, changes: [change(0, 5, 'total')] });
  });

  it.each([
    ['the disableJsDiagnostics fix', fix({ fixName: 'disableJsDiagnostics' })],
    ['the fixDisableJsDiagnostics alias', fix({ fixName: 'fixDisableJsDiagnostics' })],
    ['a fixId of disableJsDiagnostics', fix({ fixName: 'other', fixId: 'disableJsDiagnostics' })],
    ['the double cast fix', fix({ fixName: 'addConvertToUnknownForNonOverlappingTypes' })],
    [
      '// @ts-ignore text',
      fix({ fixName: 'other', changes: [{ fileName: FILE, textChanges: [change(0, 0, '// @ts-ignore\n')] }] }),
    ],
    [
      '// @ts-expect-error text',
      fix({ fixName: 'other', changes: [{ fileName: FILE, textChanges: [change(0, 0, '// @ts-expect-error\n')] }] }),
    ],
    [
      '// @ts-nocheck text',
      fix({ fixName: 'other', changes: [{ fileName: FILE, textChanges: [change(0, 0, '// @ts-nocheck\n')] }] }),
    ],
    [
      'an `as any` cast',
      fix({ fixName: 'other', changes: [{ fileName: FILE, textChanges: [change(3, 0, ' as any')] }] }),
    ],
    ['an `<any>` cast', fix({ fixName: 'other', changes: [{ fileName: FILE, textChanges: [change(3, 0, '<any>')] }] })],
    [
      'an `as unknown as` cast',
      fix({ fixName: 'other', changes: [{ fileName: FILE, textChanges: [change(3, 0, ' as unknown as T')] }] }),
    ],
    ['an edit of another file', fix({ changes: [{ fileName: '/lib/lib.d.ts', textChanges: [change(0, 1, 'x')] }] })],
    ['a new file', fix({ changes: [{ fileName: FILE, isNewFile: true, textChanges: [change(0, 0, 'x')] }] })],
    ['a command to run', fix({ commands: [{ type: 'install package' }] })],
    ['overlapping edits', fix({ changes: [{ fileName: FILE, textChanges: [change(0, 4, 'a'), change(2, 4, 'b')] }] })],
    ['no edits', fix({ changes: [] })],
  ])('rejects %s', (_name, input) => {
    expect(toCandidate(input, FILE)).toBeUndefined();
  });
});

describe('ranking', () => {
  it.each<[string, string, string, number]>([
    ['spelling', "Change spelling to 'x'", 'x', 0],
    ['import', "Add import from './a.js'", "import { a } from './a.js';\n", 1],
    ['addMissingAwait', "Add 'await'", 'await ', 2],
    ['fixMissingMember', "Declare property 'used'", 'used: number;\n', 2],
    ['fixClassIncorrectlyImplementsInterface', 'Implement interface', 'x(): void {}', 3],
    ['inferFromUsage', 'Infer parameter types from usage', ': number', 4],
    ['fixMissingMember', "Declare property 'count'", 'count: any;\n', 4],
    ['fixMissingMember', "Add index signature for property 'x'", '[x: string]: number;', 4],
  ])('%s (%s) is tier %i', (fixName, description, newText, tier) => {
    expect(fixTier(fixName, description, [change(0, 0, newText)])).toBe(tier);
  });

  it('orders by tier and keeps TypeScript’s order within a tier', () => {
    const make = (fixName: string, tier: number): FixCandidate => ({
      fixName,
      description: fixName,
      changes: [],
      tier,
    });
    const ranked = rankCandidates([make('a', 3), make('b', 0), make('c', 3), make('d', 2)]);
    expect(ranked.map((c) => c.fixName)).toEqual(['b', 'd', 'a', 'c']);
  });
});

describe('applyTextChanges', () => {
  it('applies edits from the end so earlier spans stay valid', () => {
    expect(applyTextChanges('let usr = f(usr);', [change(4, 3, 'user'), change(12, 3, 'user')])).toBe(
      'let user = f(user);',
    );
  });

  it('refuses a result with more forbidden constructs than the input', () => {
    expect(applyTextChanges('x;', [change(0, 0, '// @ts-')])).toBe('// @ts-x;');
    expect(applyTextChanges('ignore;', [change(0, 0, '// @ts-')])).toBeUndefined();
  });

  it('counts forbidden constructs', () => {
    expect(countForbidden('a as any; // @ts-ignore\n/* @ts-nocheck */ b as unknown as C; <any>d')).toBe(5);
    expect(countForbidden('const company = 1; // anything as anyone')).toBe(0);
  });
});
