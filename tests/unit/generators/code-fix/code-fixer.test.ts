import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCodeFixer } from '../../../../generators/code-fix/index.js';
import { createTsService } from '../../../../generators/code-fix/ts-service.js';
import { CodeFixResultSchema, FIX_LANGUAGES, type CodeFixRequest } from '../../../../src/contracts/code-fix.js';
import { CancelledError, InvalidInputError } from '../../../../src/core/errors.js';
import { createCompileCheck, jsonFindings } from './independent-check.js';

const EXAMPLES = join(process.cwd(), 'examples/inputs');
const FORBIDDEN = /@ts-(?:ignore|expect-error|nocheck)|\bas\s+any\b/;
const readExample = (name: string): string => readFileSync(join(EXAMPLES, name), 'utf8');

// One fixer shared by the tests, as the server holds one: later tests also exercise the warm service.
const fixer = createCodeFixer();

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('createCodeFixer: input errors and cancellation', () => {
  it('names the languages it supports', () => {
    expect(fixer.languages).toEqual(FIX_LANGUAGES);
  });

  it.each([
    { code: 'print(1)', language: 'python' },
    { code: 'fn main() {}', file_name: 'main.rs' },
  ])('rejects an unsupported language with the supported ones named ($language$file_name)', async (request) => {
    const error = await rejection(fixer.fix(request));
    expect(error).toBeInstanceOf(InvalidInputError);
    for (const lang of FIX_LANGUAGES) expect((error as Error).message).toContain(lang);
  });

  it.each(['', '   \n\t'])('rejects empty code %j', async (code) => {
    expect(await rejection(fixer.fix({ code, language: 'ts' }))).toBeInstanceOf(InvalidInputError);
  });

  it.each([0, -1, 1.5, 65])('rejects maxRounds %d', (maxRounds) => {
    expect(() => createCodeFixer({ maxRounds })).toThrow(InvalidInputError);
  });

  it.each<CodeFixRequest>([
    { code: 'const a: number = "x";', language: 'ts' },
    { code: '{"a": 1,}', language: 'json' },
    { code: 'var a = 1;', language: 'js', error_message: '  1:1  error  Unexpected var  no-var' },
  ])('throws CancelledError for an already-aborted signal ($language)', async (request) => {
    const controller = new AbortController();
    controller.abort();
    expect(await rejection(fixer.fix(request, { signal: controller.signal }))).toBeInstanceOf(CancelledError);
  });

  it('checks the signal between steps, not only on entry', async () => {
    const controller = new AbortController();
    let reads = 0;
    Object.defineProperty(controller.signal, 'aborted', { get: () => ++reads > 2 });
    const request = { code: readExample('broken-service.ts'), language: 'ts' };
    expect(await rejection(fixer.fix(request, { signal: controller.signal }))).toBeInstanceOf(CancelledError);
    expect(reads).toBeGreaterThan(2);
  });
});

describe('createCodeFixer: example inputs of the demo', () => {
  it('fixes broken-service.ts from its real tsc output: missing await and misspelling, verified', async () => {
    const code = readExample('broken-service.ts');
    const result = CodeFixResultSchema.parse(
      await fixer.fix({
        code,
        file_name: 'examples/inputs/broken-service.ts',
        error_message: readExample('broken-service.tsc.txt'),
      }),
    );
    expect(result).toMatchObject({ language: 'typescript', verified: true, changed: true, diagnostics_after: [] });
    expect(result.target).toMatchObject({ code: 'TS2339', line: 45, column: 18 });
    expect(result.fixes_applied.map((f) => f.diagnostic_code).sort()).toEqual(['TS2339', 'TS2552']);
    expect(result.fixed_code).toContain('const order = await this.getOrder(id);');
    expect(result.fixed_code).toContain('await this.repository.save(updated);');
    expect(result.diff).toContain('--- a/examples/inputs/broken-service.ts');
    expect(createCompileCheck()('broken-service.ts', result.fixed_code)).toEqual([]);
  });

  it('repairs broken-config.json and reports the parse error with its position', async () => {
    const code = readExample('broken-config.json');
    const result = await fixer.fix({ code, file_name: 'broken-config.json' });
    expect(result).toMatchObject({ language: 'json', verified: true, changed: true, diagnostics_after: [] });
    expect(result.diagnostics_before).toEqual([expect.objectContaining({ source: 'json', line: 2, column: 3 })]);
    expect(jsonFindings(result.fixed_code)).toEqual([]);
    expect(JSON.parse(result.fixed_code)).toMatchObject({
      service: 'orders-api',
      port: 8080,
      database: { pool: { max: 10 } },
    });
  });

  it('stops after maxRounds fixes and does not claim the rest', async () => {
    const result = await createCodeFixer({ maxRounds: 1 }).fix({
      code: readExample('broken-service.ts'),
      language: 'ts',
    });
    expect(result).toMatchObject({ verified: false, changed: true, rounds: 1 });
    expect(result.fixes_applied).toHaveLength(1);
    expect(result.message).toMatch(/1 targeted error\(s\) remain/);
  });
});

describe('createCodeFixer: verification rules', () => {
  it('never uses the @ts-ignore / @ts-nocheck fixes TypeScript offers, and says the error remains', async () => {
    const code = '// @ts-check\nconst count = 1;\ncount.push(2);\n';
    const service = await createTsService();
    const [diagnostic] = service.diagnose('input.js', code);
    expect(diagnostic).toBeDefined();
    const offered = diagnostic ? service.codeFixesFor('input.js', code, diagnostic).map((f) => f.fixName) : [];
    expect(offered).toContain('disableJsDiagnostics');
    const result = await fixer.fix({ code, language: 'javascript' });
    expect(result).toMatchObject({ verified: false, changed: false, fixed_code: code, diff: '', fixes_applied: [] });
    expect(result.fixed_code).not.toMatch(FORBIDDEN);
    expect(result.message).toMatch(/TS2339.*remain|remain.*TS2339/);
  });

  it('keeps unresolved imports as environment findings without blocking verification', async () => {
    const code =
      "import express from 'express-not-installed';\nexport const app = express();\nconst totalCount = 1;\nexport const shown = totalCoutn;\n";
    const result = await fixer.fix({ code, language: 'ts' });
    expect(result.verified).toBe(true);
    expect(result.fixed_code).toContain('export const shown = totalCount;');
    expect(result.diagnostics_after).toEqual([expect.objectContaining({ code: 'TS2307' })]);
    expect(result.message).toMatch(/Environment findings/);
  });

  it('does not claim a fix for an error the checker does not reproduce', async () => {
    const code = 'export const a = 1;\n';
    const error_message = "TypeError: Cannot read properties of undefined (reading 'x')\n    at f (/app/a.js:1:1)";
    const result = await fixer.fix({ code, language: 'ts', error_message });
    expect(result).toMatchObject({
      verified: false,
      changed: false,
      fixes_applied: [],
      target: { code: 'TypeError', line: 1 },
    });
    expect(result.message).toMatch(/does not reproduce/);
  });

  it('reports clean code as clean, without changes', async () => {
    const result = await fixer.fix({ code: 'export const a: number = 1;\n', language: 'ts' });
    expect(result).toMatchObject({
      verified: true,
      changed: false,
      diff: '',
      fixes_applied: [],
      diagnostics_before: [],
      target: null,
    });
  });

  it('does not claim ESLint rules it cannot run', async () => {
    const code = 'const a = [1];\nexport const items = a.map((x) => <li>{x}</li>);\n';
    const result = await fixer.fix({
      code,
      language: 'jsx',
      error_message: '  2:35  error  Missing "key" prop for element in iterator  react/jsx-key',
    });
    expect(result).toMatchObject({ verified: false, changed: false });
    expect(result.message).toMatch(/react\/jsx-key cannot run here/);
  });

  it('fixes every error when no message is given, one at a time', async () => {
    const result = await fixer.fix({ code: readExample('broken-service.ts'), language: 'ts' });
    expect(result).toMatchObject({ verified: true, rounds: 2, target: null });
    expect(result.diagnostics_before).toHaveLength(2);
  });
});

describe('createCodeFixer: determinism and the shared service', () => {
  const requests: CodeFixRequest[] = [
    { code: readExample('broken-service.ts'), language: 'ts' },
    { code: 'export function f(a) { return a * 2; }\n', language: 'ts' },
    { code: 'export const n: string = documnet.title;\n', language: 'ts' },
  ];

  it('gives the same results concurrently as one at a time', async () => {
    const sequential = [];
    for (const request of requests) sequential.push(await fixer.fix(request));
    const concurrent = await Promise.all(requests.map((request) => fixer.fix(request)));
    expect(concurrent).toEqual(sequential);
    expect(sequential.every((r) => r.verified)).toBe(true);
  });

  it('gives the same result from a fresh fixer as from a warm one', async () => {
    const request = requests[1] ?? { code: 'x', language: 'ts' };
    expect(await createCodeFixer().fix(request)).toEqual(await fixer.fix(request));
  });
});
