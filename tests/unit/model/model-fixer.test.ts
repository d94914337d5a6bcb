import { beforeAll, describe, expect, it } from 'vitest';
import { createArtifactChecker } from '../../../generators/checks/index.js';
import { createCodeFixer, ENVIRONMENT_CODES, FORBIDDEN_TEXT } from '../../../generators/code-fix/index.js';
import { CodeFixResultSchema, type CodeFixer, type CodeFixRequest } from '../../../src/contracts/code-fix.js';
import { InvalidInputError } from '../../../src/core/errors.js';
import { isTargetReproduced } from '../../../src/model/fix-verify.js';
import { createModelServices } from '../../../src/model/services.js';
import { lastUserText, modelConfig, scriptedChannel, type ScriptedReply } from './fakes.js';

const TYPE_ERROR: CodeFixRequest = {
  code: 'const total: number = "42";\nexport { total };\n',
  error_message: "src/total.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.",
  language: 'typescript',
  file_name: 'total.ts',
};
const candidates = (...codes: string[]): string =>
  JSON.stringify({ candidates: codes.map((code) => ({ code, explanation: 'Use a number literal.' })) });
const CAST = 'const total: number = "42" as any;\nexport { total };\n';
const STILL_WRONG = 'const total: number = "4" + "2";\nexport { total };\n';
const GOOD = 'const total: number = 42;\nexport { total };\n';

describe('the model-assisted fixer', () => {
  let base: CodeFixer;
  const checker = createArtifactChecker();
  beforeAll(() => {
    base = createCodeFixer();
  });

  function build(replies: ScriptedReply[] | undefined) {
    const model = createModelServices({ config: modelConfig({}) });
    const fixer = model.codeFixer(base, {
      checker,
      policy: { environmentCodes: ENVIRONMENT_CODES, forbiddenText: FORBIDDEN_TEXT },
    });
    const channel = scriptedChannel(replies ?? []);
    const run = (request: CodeFixRequest) =>
      model.scope.run(replies ? { sampling: channel, taskId: 't' } : { taskId: 't' }, () => fixer.fix(request));
    return { model, channel, run };
  }

  it('returns a verified deterministic fix without asking the model', async () => {
    const { run, channel } = build([candidates(GOOD)]);
    const result = await run({ code: 'const value = 1;\nexport const doubled = valeu * 2;\n', language: 'typescript' });
    expect(result.verified).toBe(true);
    expect(result.model_assist).toBeUndefined();
    expect(channel.requests).toHaveLength(0);
  });

  it('verifies candidates with the real checker and returns the first that passes', async () => {
    const { run, channel, model } = build([candidates(CAST, STILL_WRONG), candidates(GOOD)]);
    const result = CodeFixResultSchema.parse(await run(TYPE_ERROR));
    expect(result).toMatchObject({ verified: true, changed: true, fixed_code: GOOD });
    expect(result.fixes_applied).toEqual([expect.objectContaining({ source: 'model', fix_name: 'model-candidate-3' })]);
    expect(result.diagnostics_after.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.diff).toContain('+const total: number = 42;');
    expect(result.model_assist).toMatchObject({ via: 'sampling', candidates: 3, verified_candidate: 3 });
    const feedback = lastUserText(channel.requests[1]!);
    expect(feedback).toMatch(/Candidate 1 was rejected: 1 new ESLint error\(s\); it silences errors/);
    expect(feedback).toContain('no-explicit-any');
    expect(feedback).toContain('Candidate 2 was rejected: 1 compiler/parser/linter error(s) remain');
    expect(model.ledger.task('t')).toMatchObject({ calls: 2, fallbacks: 0 });
  });

  it('offers the best unverified candidate aside and keeps the deterministic result', async () => {
    const { run, model } = build([candidates(STILL_WRONG), candidates(CAST)]);
    const result = await run(TYPE_ERROR);
    expect(result.verified).toBe(false);
    expect(result.fixed_code).toBe(TYPE_ERROR.code);
    expect(result.fixes_applied).toEqual([]);
    expect(result.model_assist?.verified_candidate).toBeNull();
    expect(result.model_assist?.candidates).toBe(2);
    expect(result.model_assist?.unverified_candidate).toMatchObject({ code: STILL_WRONG, errors: 1 });
    expect(result.model_assist?.unverified_candidate?.diff).toContain('+const total: number = "4" + "2";');
    expect(model.ledger.task('t')?.fallbacks).toBe(1);
  });

  it('falls back to the deterministic result after malformed answers', async () => {
    const { run, model } = build(['not json at all', '{"candidates": [}']);
    const withModel = await run(TYPE_ERROR);
    expect(withModel).toEqual(await base.fix(TYPE_ERROR));
    expect(model.ledger.task('t')).toMatchObject({ calls: 2, fallbacks: 1 });
  });

  it('proposes an unverified candidate for a language without a local engine; without a model it refuses', async () => {
    const python = {
      code: 'def f(:\n    return 1\n',
      error_message: 'SyntaxError: invalid syntax',
      language: 'python',
    };
    const { run } = build([candidates('def f():\n    return 1\n')]);
    const result = CodeFixResultSchema.parse(await run(python));
    expect(result).toMatchObject({ language: 'python', verified: false, changed: false, fixed_code: python.code });
    expect(result.model_assist?.unverified_candidate?.code).toBe('def f():\n    return 1\n');
    await expect(build(undefined).run(python)).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('without a model it is the deterministic fixer', async () => {
    const { run, model } = build(undefined);
    expect(await run(TYPE_ERROR)).toEqual(await base.fix(TYPE_ERROR));
    expect(model.ledger.snapshot().calls).toBe(0);
  });

  it.each([
    [{ target: null, diagnostics_before: [] }, true],
    [
      {
        target: { message: 'x', code: 'TS2322' },
        diagnostics_before: [{ source: 'typescript', severity: 'error', message: 'm', code: 'TS2322' }],
      },
      true,
    ],
    [{ target: { message: 'x is not a function', line: 3 }, diagnostics_before: [] }, false],
    [
      {
        target: { message: 'm', code: 'no-unused-vars' },
        diagnostics_before: [{ source: 'eslint', severity: 'warning', message: 'm', code: 'no-unused-vars' }],
      },
      false,
    ],
  ] as const)('isTargetReproduced(%j) is %s', (partial, expected) => {
    const result = { ...CodeFixResultSchema.parse({ ...baseResult(), ...partial }) };
    expect(isTargetReproduced(result)).toBe(expected);
  });
});

function baseResult() {
  return {
    language: 'typescript',
    file_name: 'a.ts',
    verified: false,
    changed: false,
    fixed_code: '',
    diff: '',
    fixes_applied: [],
    diagnostics_before: [],
    diagnostics_after: [],
    target: null,
    rounds: 0,
    message: '',
  };
}
