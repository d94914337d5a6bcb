import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCodeFixer } from '../../../../generators/code-fix/index.js';
import { parseErrorMessage } from '../../../../generators/code-fix/parse-error-message.js';
import { CodeFixResultSchema } from '../../../../src/contracts/code-fix.js';
import { createCompileCheck, jsonFindings, lintFindings } from './independent-check.js';

const FIXTURES = join(process.cwd(), 'tests/fixtures/code-fix');
const CaseSchema = z.object({
  id: z.string(),
  file: z.string(),
  file_name: z.string(),
  language: z.string(),
  description: z.string(),
  error_message: z.string(),
  expect_verified: z.boolean(),
});
const cases = z
  .object({ cases: z.array(CaseSchema).min(8) })
  .parse(JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8'))).cases;
const FORBIDDEN = /@ts-(?:ignore|expect-error|nocheck)|\bas\s+any\b/;

// One fixer and one independent checker for the file, as a server would hold one fixer.
const fixer = createCodeFixer();
const compile = createCompileCheck();

describe('code-fix fixtures (tests/fixtures/code-fix/cases.json)', () => {
  it('lists at least 8 cases, each with its file and at least one unfixable case', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
    expect(cases.some((c) => !c.expect_verified)).toBe(true);
    for (const c of cases) expect(readFileSync(join(FIXTURES, c.file), 'utf8').length).toBeGreaterThan(0);
  });

  it.each(cases)('$id: $description', async (c) => {
    const code = readFileSync(join(FIXTURES, c.file), 'utf8');
    const result = CodeFixResultSchema.parse(
      await fixer.fix({ code, language: c.language, file_name: c.file_name, error_message: c.error_message }),
    );
    expect(result.verified, result.message).toBe(c.expect_verified);
    expect(result.fixed_code).not.toMatch(FORBIDDEN);
    expect(result.diagnostics_before.length).toBeGreaterThan(0);
    if (!c.expect_verified) {
      expect(result).toMatchObject({ changed: false, fixed_code: code, diff: '', fixes_applied: [] });
      expect(result.message).toMatch(/remain/);
      return;
    }
    expect(result.changed).toBe(true);
    expect(result.fixes_applied.length).toBeGreaterThan(0);
    expect(result.diff).toContain(`--- a/${c.file_name}`);
    expect(result.diff).toContain(`+++ b/${c.file_name}`);
    expect(result.diagnostics_after.filter((d) => d.severity === 'error').length).toBeLessThan(
      result.diagnostics_before.filter((d) => d.severity === 'error').length,
    );
    assertIndependentlyClean(c.file_name, c.language, c.error_message, code, result.fixed_code);
  });
});

/** Re-checks the fixed code with separate runs of the real tools: the target is gone and nothing new fails. */
function assertIndependentlyClean(
  fileName: string,
  language: string,
  errorMessage: string,
  before: string,
  after: string,
): void {
  if (language === 'json') {
    expect(jsonFindings(after)).toEqual([]);
    return;
  }
  const rules = parseErrorMessage(errorMessage).flatMap((t) => (t.ruleId === undefined ? [] : [t.ruleId]));
  if (rules.length > 0) expect(lintFindings(fileName, after, rules)).toEqual([]);
  const compiledBefore = compile(fileName, before);
  const compiledAfter = compile(fileName, after);
  expect(compiledAfter.filter((f) => !compiledBefore.includes(f))).toEqual([]);
  const targetCodes = parseErrorMessage(errorMessage).flatMap((t) => (t.code?.startsWith('TS') ? [t.code] : []));
  for (const code of targetCodes) expect(compiledAfter.filter((f) => f.startsWith(`${code}:`))).toEqual([]);
  if (rules.length === 0 && errorMessage !== '' && targetCodes.length === 0) {
    expect(compiledAfter.length).toBeLessThan(compiledBefore.length);
  }
  if (errorMessage === '') expect(compiledAfter).toEqual([]);
}
