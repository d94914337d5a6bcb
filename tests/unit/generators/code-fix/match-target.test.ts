import { describe, expect, it } from 'vitest';
import { matchOne, matchTargets } from '../../../../generators/code-fix/match-target.js';
import type { ParsedError } from '../../../../generators/code-fix/parse-error-message.js';
import type { Diagnostic } from '../../../../src/contracts/artifact.js';

const d = (code: string, message: string, line: number, column = 1): Diagnostic => ({
  source: 'typescript',
  severity: 'error',
  code,
  message,
  line,
  column,
});

const DIAGNOSTICS: Diagnostic[] = [
  d('TS2552', "Cannot find name 'usr'. Did you mean 'user'?", 3, 10),
  d('TS2339', "Property 'name' does not exist on type 'Promise<User>'.", 5, 7),
  d('TS2339', "Property 'id' does not exist on type 'Promise<User>'.", 6, 7),
  d('TS2304', "Cannot find name 'fetchUser'.", 9, 3),
];

describe('matchOne', () => {
  it.each<{ name: string; target: ParsedError; lines: number[] }>([
    {
      name: 'code and exact position',
      target: { format: 'tsc', message: 'x', code: 'TS2339', line: 6, column: 7 },
      lines: [6],
    },
    {
      name: 'code and line when the column differs',
      target: { format: 'tsc', message: 'x', code: 'TS2552', line: 3, column: 99 },
      lines: [3],
    },
    {
      name: 'code and message when the line moved',
      target: {
        format: 'tsc',
        message: "Property 'name' does not exist on type 'Promise<User>'.",
        code: 'TS2339',
        line: 40,
      },
      lines: [5],
    },
    {
      name: 'a code that occurs once',
      target: { format: 'text', message: 'TS2304 somewhere', code: 'TS2304' },
      lines: [9],
    },
    {
      name: 'an ambiguous code alone matches nothing',
      target: { format: 'text', message: 'oops', code: 'TS2339' },
      lines: [],
    },
    {
      name: 'a Node ReferenceError by line and name',
      target: { format: 'node', message: 'fetchUser is not defined', code: 'ReferenceError', line: 9, column: 3 },
      lines: [9],
    },
    {
      name: 'a Node error by name when the line is off',
      target: { format: 'node', message: 'usr is not defined', code: 'ReferenceError', line: 30 },
      lines: [3],
    },
    {
      name: 'plain text naming a quoted identifier',
      target: { format: 'text', message: "what is 'fetchUser'?" },
      lines: [9],
    },
    {
      name: 'a runtime error the checker does not see',
      target: { format: 'node', message: 'x.map is not a function', line: 20 },
      lines: [],
    },
  ])('$name', ({ target, lines }) => {
    expect(matchOne(target, DIAGNOSTICS).map((m) => m.line)).toEqual(lines);
  });
});

describe('matchTargets', () => {
  it('collects matches in diagnostic order without duplicates and lists the unmatched', () => {
    const targets: ParsedError[] = [
      { format: 'tsc', message: 'a', code: 'TS2304', line: 9, column: 3 },
      { format: 'tsc', message: 'b', code: 'TS2552', line: 3, column: 10 },
      { format: 'tsc', message: 'c', code: 'TS2552', line: 3, column: 10 },
      { format: 'tsc', message: 'd', code: 'TS9999', line: 1, column: 1 },
    ];
    const { matched, unmatched } = matchTargets(targets, DIAGNOSTICS);
    expect(matched.map((m) => m.line)).toEqual([3, 9]);
    expect(unmatched.map((u) => u.code)).toEqual(['TS9999']);
  });
});
