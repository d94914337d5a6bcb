import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkGithubWorkflow, checkGitlabCi } from '../../../../generators/checks/workflow-checker.js';

const codes = (issues: ReadonlyArray<{ code?: string | undefined }>): Array<string | undefined> =>
  issues.map((i) => i.code);

describe('checkGithubWorkflow', () => {
  const ok =
    'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n';
  it.each([
    ['a valid workflow', ok, []],
    ['a reusable-workflow job', 'on: push\njobs:\n  call:\n    uses: org/repo/.github/workflows/ci.yml@v1\n', []],
    ['no `on`', ok.replace('on: push\n', ''), ['missing-on']],
    ['no jobs', 'on: push\n', ['missing-jobs']],
    ['empty jobs', 'on: push\njobs: {}\n', ['missing-jobs']],
    ['a job without runs-on', ok.replace('    runs-on: ubuntu-latest\n', ''), ['missing-runs-on']],
    ['a job without steps', 'on: push\njobs:\n  build:\n    runs-on: x\n', ['missing-steps']],
    [
      'steps that are not an array',
      'on: push\njobs:\n  build:\n    runs-on: x\n    steps: {run: x}\n',
      ['missing-steps'],
    ],
    [
      'a step with neither uses nor run',
      ok.replace('      - run: npm test\n', '      - name: nothing\n'),
      ['step-without-action'],
    ],
    [
      'a step with both uses and run',
      ok.replace('      - run: npm test\n', '      - uses: a/b@v1\n        run: x\n'),
      ['step-uses-and-run'],
    ],
    ['needs of an unknown job', ok.replace('    runs-on', '    needs: [lint]\n    runs-on'), ['unknown-need']],
    ['a document that is not a mapping', '- a\n', ['workflow-shape']],
  ])('%s', (_name, content, expected) => {
    const issues = checkGithubWorkflow(parse(content));
    expect(codes(issues)).toEqual(expected);
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
  });

  it('points a missing runs-on at the job', () => {
    expect(checkGithubWorkflow(parse(ok.replace('    runs-on: ubuntu-latest\n', '')))[0]?.path).toEqual([
      'jobs',
      'build',
    ]);
  });
});

describe('checkGitlabCi', () => {
  it.each([
    [
      'a valid pipeline',
      'stages: [build, test]\nbuild:\n  stage: build\n  script: [npm ci]\ntest:\n  stage: test\n  script: npm test\n',
      [],
    ],
    ['default stages', 'unit:\n  stage: test\n  script: npm test\n', []],
    ['hidden templates and extends', '.base:\n  image: node:20\nunit:\n  extends: .base\n  script: npm test\n', []],
    ['no job at all', 'stages: [build]\nvariables: {A: 1}\n', ['no-jobs']],
    ['a job without script', 'build:\n  stage: build\nunit:\n  script: x\n', ['missing-script']],
    ['an undeclared stage', 'stages: [build]\nunit:\n  stage: test\n  script: x\n', ['unknown-stage']],
    ['a document that is not a mapping', 'just text\n', ['gitlab-shape']],
  ])('%s', (_name, content, expected) => {
    expect(codes(checkGitlabCi(parse(content)))).toEqual(expected);
  });
});
