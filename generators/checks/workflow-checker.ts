import { isRecord, type StructureIssue } from './shared.js';

type Path = Array<string | number>;

const err = (message: string, path: Path, code: string): StructureIssue => ({ severity: 'error', message, path, code });

/**
 * GitHub Actions workflow structure (after docs.github.com "Workflow syntax"): `on` present, `jobs` a non-empty
 * mapping; each job either calls a reusable workflow (`uses`) or has `runs-on` and a `steps` array whose steps
 * each have `uses` or `run`; `needs` names existing jobs.
 */
export function checkGithubWorkflow(value: unknown): StructureIssue[] {
  if (!isRecord(value)) return [err('A workflow must be a mapping with `on` and `jobs`.', [], 'workflow-shape')];
  const issues: StructureIssue[] = [];
  // YAML 1.1 readers turn an unquoted `on` key into `true`; accept both spellings.
  if (!('on' in value) && !('true' in value))
    issues.push(err('Missing `on`: the workflow has no trigger.', [], 'missing-on'));
  const jobs = value.jobs;
  if (!isRecord(jobs) || Object.keys(jobs).length === 0) {
    issues.push(
      err('`jobs` must be a non-empty mapping of job id to job.', isRecord(jobs) ? ['jobs'] : [], 'missing-jobs'),
    );
    return issues;
  }
  for (const [id, job] of Object.entries(jobs)) issues.push(...checkGithubJob(id, job, jobs));
  return issues;
}

function checkGithubJob(id: string, job: unknown, jobs: Record<string, unknown>): StructureIssue[] {
  const path: Path = ['jobs', id];
  if (!isRecord(job)) return [err(`Job "${id}" must be a mapping.`, path, 'job-shape')];
  const issues: StructureIssue[] = [];
  const needs = typeof job.needs === 'string' ? [job.needs] : Array.isArray(job.needs) ? job.needs : [];
  for (const need of needs) {
    if (typeof need !== 'string' || !(need in jobs))
      issues.push(err(`Job "${id}" needs unknown job "${String(need)}".`, [...path, 'needs'], 'unknown-need'));
  }
  if (typeof job.uses === 'string') return issues;
  if (job['runs-on'] === undefined) issues.push(err(`Job "${id}" has no \`runs-on\`.`, path, 'missing-runs-on'));
  if (!Array.isArray(job.steps) || job.steps.length === 0) {
    issues.push(
      err(
        `Job "${id}" must have a non-empty \`steps\` array.`,
        job.steps === undefined ? path : [...path, 'steps'],
        'missing-steps',
      ),
    );
    return issues;
  }
  for (const [index, step] of job.steps.entries()) {
    const stepPath: Path = [...path, 'steps', index];
    if (!isRecord(step))
      issues.push(err(`Step ${index + 1} of job "${id}" must be a mapping.`, stepPath, 'step-shape'));
    else if (typeof step.uses !== 'string' && typeof step.run !== 'string') {
      issues.push(err(`Step ${index + 1} of job "${id}" needs \`uses\` or \`run\`.`, stepPath, 'step-without-action'));
    } else if (typeof step.uses === 'string' && typeof step.run === 'string') {
      issues.push(
        err(`Step ${index + 1} of job "${id}" has both \`uses\` and \`run\`.`, stepPath, 'step-uses-and-run'),
      );
    }
  }
  return issues;
}

/** Top-level GitLab CI keys that are not jobs (docs.gitlab.com "CI/CD YAML syntax reference"). */
const GITLAB_GLOBAL_KEYS = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);
const GITLAB_DEFAULT_STAGES = ['.pre', 'build', 'test', 'deploy', '.post'];

/**
 * GitLab CI structure: at least one job with a `script`; every visible job has `script`, `trigger` or `extends`;
 * a job's `stage` is one of `stages` (or the default stages) — GitLab rejects the pipeline otherwise.
 */
export function checkGitlabCi(value: unknown): StructureIssue[] {
  if (!isRecord(value)) return [err('A .gitlab-ci.yml must be a mapping of jobs.', [], 'gitlab-shape')];
  const issues: StructureIssue[] = [];
  const declared = Array.isArray(value.stages) ? value.stages.filter((s): s is string => typeof s === 'string') : [];
  const stages = new Set([
    ...GITLAB_DEFAULT_STAGES.filter((s) => declared.length === 0 || s.startsWith('.')),
    ...declared,
  ]);
  const jobs = Object.entries(value).filter(
    ([key, job]) => !GITLAB_GLOBAL_KEYS.has(key) && !key.startsWith('.') && isRecord(job),
  );
  let withScript = 0;
  for (const [id, job] of jobs) {
    if (!isRecord(job)) continue;
    if (job.script !== undefined) withScript += 1;
    else if (job.trigger === undefined && job.extends === undefined) {
      issues.push(err(`Job "${id}" has no \`script\` (nor \`trigger\`/\`extends\`).`, [id], 'missing-script'));
    }
    if (typeof job.stage === 'string' && !stages.has(job.stage)) {
      issues.push(
        err(`Job "${id}" uses stage "${job.stage}", which is not in \`stages\`.`, [id, 'stage'], 'unknown-stage'),
      );
    }
  }
  if (
    withScript === 0 &&
    !jobs.some(([, job]) => isRecord(job) && (job.trigger !== undefined || job.extends !== undefined))
  ) {
    issues.push(err('The pipeline has no job with a `script`.', [], 'no-jobs'));
  }
  return issues;
}
