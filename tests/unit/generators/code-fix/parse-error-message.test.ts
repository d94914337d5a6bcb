import { describe, expect, it } from 'vitest';
import { parseErrorMessage, type ParsedError } from '../../../../generators/code-fix/parse-error-message.js';

const ESC = String.fromCharCode(27);

describe('parseErrorMessage', () => {
  it.each<{ name: string; text: string; expected: ParsedError[] }>([
    {
      name: 'tsc plain',
      text: "src/app.ts(3,5): error TS2304: Cannot find name 'x'.",
      expected: [
        { format: 'tsc', message: "Cannot find name 'x'.", code: 'TS2304', line: 3, column: 5, file: 'src/app.ts' },
      ],
    },
    {
      name: 'tsc pretty with ANSI colours',
      text: `${ESC}[96msrc/app.ts${ESC}[0m:${ESC}[93m3${ESC}[0m:${ESC}[93m5${ESC}[0m - ${ESC}[91merror${ESC}[0m${ESC}[90m TS2304: ${ESC}[0mCannot find name 'x'.\n\n3 x;\n  ~`,
      expected: [
        { format: 'tsc', message: "Cannot find name 'x'.", code: 'TS2304', line: 3, column: 5, file: 'src/app.ts' },
      ],
    },
    {
      name: 'tsc global error without a location',
      text: "error TS2318: Cannot find global type 'Array'.",
      expected: [{ format: 'tsc', message: "Cannot find global type 'Array'.", code: 'TS2318' }],
    },
    {
      name: 'tsc, several errors in order',
      text: "a.ts(1,1): error TS2304: Cannot find name 'a'.\nb.tsx(2,7): error TS2552: Cannot find name 'usr'. Did you mean 'user'?\n",
      expected: [
        { format: 'tsc', message: "Cannot find name 'a'.", code: 'TS2304', line: 1, column: 1, file: 'a.ts' },
        {
          format: 'tsc',
          message: "Cannot find name 'usr'. Did you mean 'user'?",
          code: 'TS2552',
          line: 2,
          column: 7,
          file: 'b.tsx',
        },
      ],
    },
    {
      name: 'ESLint stylish with a file header and summary',
      text: "\n/app/src/a.js\n  3:5   error  'x' is defined but never used  no-unused-vars\n  10:1  warning  Unexpected var, use let or const instead  no-var\n\n✖ 2 problems (1 error, 1 warning)\n",
      expected: [
        {
          format: 'eslint',
          message: "'x' is defined but never used",
          code: 'no-unused-vars',
          ruleId: 'no-unused-vars',
          line: 3,
          column: 5,
          file: '/app/src/a.js',
        },
        {
          format: 'eslint',
          message: 'Unexpected var, use let or const instead',
          code: 'no-var',
          ruleId: 'no-var',
          line: 10,
          column: 1,
          file: '/app/src/a.js',
        },
      ],
    },
    {
      name: 'ESLint stylish, plugin rule id',
      text: '  2:9  error  Type number trivially inferred from a number literal, remove type annotation  @typescript-eslint/no-inferrable-types',
      expected: [
        {
          format: 'eslint',
          message: 'Type number trivially inferred from a number literal, remove type annotation',
          code: '@typescript-eslint/no-inferrable-types',
          ruleId: '@typescript-eslint/no-inferrable-types',
          line: 2,
          column: 9,
        },
      ],
    },
    {
      name: 'ESLint stylish parsing error (no rule)',
      text: '  1:10  error  Parsing error: Unexpected token )',
      expected: [{ format: 'eslint', message: 'Parsing error: Unexpected token )', line: 1, column: 10 }],
    },
    {
      name: 'ESLint unix',
      text: "src/a.js:3:5: 'x' is defined but never used. [Error/no-unused-vars]",
      expected: [
        {
          format: 'eslint',
          message: "'x' is defined but never used.",
          code: 'no-unused-vars',
          ruleId: 'no-unused-vars',
          line: 3,
          column: 5,
          file: 'src/a.js',
        },
      ],
    },
    {
      name: 'ESLint compact',
      text: "src/a.js: line 3, col 5, Error - 'x' is defined but never used. (no-unused-vars)",
      expected: [
        {
          format: 'eslint',
          message: "'x' is defined but never used.",
          code: 'no-unused-vars',
          ruleId: 'no-unused-vars',
          line: 3,
          column: 5,
          file: 'src/a.js',
        },
      ],
    },
    {
      name: 'Node stack trace: location from the first frame outside node internals',
      text: 'ReferenceError: foo is not defined\n    at bar (/srv/app/file.js:3:5)\n    at node:internal/main:1:1',
      expected: [
        {
          format: 'node',
          message: 'foo is not defined',
          code: 'ReferenceError',
          line: 3,
          column: 5,
          file: '/srv/app/file.js',
        },
      ],
    },
    {
      name: 'Node stack trace with file:// frames',
      text: 'TypeError: user.greet is not a function\n    at Module.run (file:///app/src/run.mjs:12:8)',
      expected: [
        {
          format: 'node',
          message: 'user.greet is not a function',
          code: 'TypeError',
          line: 12,
          column: 8,
          file: '/app/src/run.mjs',
        },
      ],
    },
    {
      name: 'Node header and caret above the error',
      text: "file:///app/src/list.js:2\n  const list = documnet.createElement('ul');\n               ^\n\nReferenceError: documnet is not defined\n    at Module.renderList (file:///app/src/list.js:2:16)",
      expected: [
        {
          format: 'node',
          message: 'documnet is not defined',
          code: 'ReferenceError',
          line: 2,
          column: 16,
          file: '/app/src/list.js',
        },
      ],
    },
    {
      name: 'JSON.parse with a position (Node 20)',
      text: "SyntaxError: Expected property name or '}' in JSON at position 42",
      expected: [
        {
          format: 'json',
          message: "Expected property name or '}' in JSON at position 42",
          code: 'SyntaxError',
          position: 42,
        },
      ],
    },
    {
      name: 'JSON.parse with line and column (Node 22)',
      text: "Expected ',' or '}' after property value in JSON at position 27 (line 3 column 5)",
      expected: [
        {
          format: 'json',
          message: "Expected ',' or '}' after property value in JSON at position 27 (line 3 column 5)",
          code: 'SyntaxError',
          position: 27,
          line: 3,
          column: 5,
        },
      ],
    },
    {
      name: 'unrecognised text falls back to its first line',
      text: "\n  Cannot find name 'x'\nmore detail",
      expected: [{ format: 'text', message: "Cannot find name 'x'" }],
    },
    {
      name: 'a TS code in free text is kept',
      text: 'The build fails with TS2552 on the total',
      expected: [{ format: 'text', message: 'The build fails with TS2552 on the total', code: 'TS2552' }],
    },
    { name: 'blank text', text: '  \n\n', expected: [] },
  ])('$name', ({ text, expected }) => {
    expect(parseErrorMessage(text)).toEqual(expected);
  });
});
