import { describe, expect, it } from 'vitest';
import {
  detectLanguage,
  guessLanguageFromContent,
  toReportedFileName,
  toVirtualFileName,
} from '../../../../generators/code-fix/detect-language.js';
import { FIX_LANGUAGES, type FixLanguage } from '../../../../src/contracts/code-fix.js';
import { InvalidInputError } from '../../../../src/core/errors.js';

describe('detectLanguage', () => {
  it.each<[string, FixLanguage]>([
    ['ts', 'typescript'],
    ['TypeScript', 'typescript'],
    ['TSX', 'tsx'],
    ['js', 'javascript'],
    ['javascript', 'javascript'],
    ['JSX', 'jsx'],
    ['mjs', 'javascript'],
    ['cjs', 'javascript'],
    ['.json', 'json'],
  ])('language %j → %s', (language, expected) => {
    expect(detectLanguage({ code: 'x', language })).toBe(expected);
  });

  it.each<[string, FixLanguage]>([
    ['src/app.ts', 'typescript'],
    ['App.TSX', 'tsx'],
    ['index.mjs', 'javascript'],
    ['server.cjs', 'javascript'],
    ['view.jsx', 'jsx'],
    ['tsconfig.json', 'json'],
  ])('file_name %j → %s', (file_name, expected) => {
    expect(detectLanguage({ code: 'const a: number = 1;', file_name })).toBe(expected);
  });

  it('prefers language over file_name, and file_name over the file named in the error', () => {
    expect(detectLanguage({ code: '{}', language: 'tsx', file_name: 'a.json' })).toBe('tsx');
    expect(detectLanguage({ code: '{}', file_name: 'a.js', errorFileName: 'a.ts' })).toBe('javascript');
    expect(detectLanguage({ code: 'let a = 1;', errorFileName: 'src/a.tsx' })).toBe('tsx');
  });

  it.each([
    { language: 'python', file_name: undefined },
    { language: 'Rust', file_name: undefined },
    { language: undefined, file_name: 'main.py' },
  ])('rejects unsupported input ($language / $file_name) naming the supported languages', (hints) => {
    let caught: unknown;
    try {
      detectLanguage({ code: 'print(1)', ...hints });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    const error = caught as InvalidInputError;
    for (const lang of FIX_LANGUAGES) expect(error.message).toContain(lang);
    expect(error.hint).toBeDefined();
  });
});

describe('guessLanguageFromContent', () => {
  it.each<[string, FixLanguage]>([
    ['{\n  "a": 1,\n  "b": [1, 2]\n}', 'json'],
    ["[1, 2, {'a': 3},]", 'json'],
    ['{\n  const a = 1;\n}', 'javascript'],
    ['export function f(a) { return a + 1; }', 'javascript'],
    ['export function f(a: number): number { return a + 1; }', 'typescript'],
    ['interface User { id: string }', 'typescript'],
    ['type Id = string;', 'typescript'],
    ['async function load(): Promise<User> { return get(); }', 'typescript'],
    ['const o = { a: 1 };\nconst b = o.a ? 1 : 2;', 'javascript'],
    ['export function App() { return (<div className="x">hi</div>); }', 'jsx'],
    ['export function App({ n }: { n: number }) { return <span>{n}</span>; }', 'tsx'],
  ])('%j → %s', (code, expected) => {
    expect(guessLanguageFromContent(code)).toBe(expected);
  });
});

describe('file names', () => {
  it.each<[FixLanguage, string | undefined, string]>([
    ['typescript', undefined, 'input.ts'],
    ['typescript', 'src/service.ts', 'service.ts'],
    ['typescript', 'service.mts', 'service.ts'],
    ['javascript', 'C:\\app\\index.cjs', 'index.js'],
    ['tsx', 'App', 'App.tsx'],
    ['json', 'my config.json', 'my_config.json'],
    ['jsx', '.hidden', 'input.jsx'],
  ])('virtual name for %s / %j is %s', (language, fileName, expected) => {
    expect(toVirtualFileName(language, fileName)).toBe(expected);
  });

  it('reports the caller’s file name, or input.<ext>', () => {
    expect(toReportedFileName('tsx', 'src/App.tsx')).toBe('src/App.tsx');
    expect(toReportedFileName('json', undefined)).toBe('input.json');
    expect(toReportedFileName('javascript', '  ')).toBe('input.js');
  });
});
