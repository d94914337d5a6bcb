import { stringify } from 'yaml';
import type { Artifact } from '../../src/contracts/artifact.js';
import type { DevopsSettings } from './settings.js';

/** The verification commands every pipeline runs, in order (lint, type-check, test, build). */
function verifySteps(settings: DevopsSettings): Array<{ name: string; run: string }> {
  return [
    { name: 'Install dependencies', run: 'npm ci' },
    { name: 'Lint', run: 'npm run lint' },
    ...(settings.typescript ? [{ name: 'Type-check', run: 'npx tsc --noEmit' }] : []),
    { name: 'Test', run: 'npm test' },
    { name: 'Build', run: 'npm run build' },
  ];
}

const YAML_OPTIONS = { lineWidth: 0 } as const;

function githubVerifyJob(settings: DevopsSettings): Record<string, unknown> {
  return {
    name: 'Lint, type-check, test and build',
    'runs-on': 'ubuntu-latest',
    'timeout-minutes': 15,
    steps: [
      { name: 'Check out', uses: 'actions/checkout@v4' },
      {
        name: 'Set up Node.js',
        uses: 'actions/setup-node@v4',
        with: { 'node-version': settings.runtime.nodeMajor, cache: 'npm' },
      },
      ...verifySteps(settings),
    ],
  };
}

/** Builds the image with Buildx (layer cache in GitHub's cache service) without pushing it anywhere. */
function githubDockerJob(settings: DevopsSettings): Record<string, unknown> {
  return {
    name: 'Build the container image',
    needs: 'verify',
    'runs-on': 'ubuntu-latest',
    'timeout-minutes': 20,
    steps: [
      { name: 'Check out', uses: 'actions/checkout@v4' },
      { name: 'Set up Docker Buildx', uses: 'docker/setup-buildx-action@v3' },
      {
        name: 'Build image',
        uses: 'docker/build-push-action@v6',
        with: {
          context: '.',
          push: false,
          tags: `${settings.runtime.serviceName}:\${{ github.sha }}`,
          'cache-from': 'type=gha',
          'cache-to': 'type=gha,mode=max',
        },
      },
    ],
  };
}

/**
 * Renders `.github/workflows/ci.yml`: on push to main and on pull requests, a `verify` job (checkout,
 * setup-node with the npm cache, npm ci, lint, type-check, test, build) and, when a Dockerfile is produced,
 * a `docker` job that builds the image without pushing. Read-only token permissions, one run per ref.
 */
export function renderGithubWorkflow(settings: DevopsSettings): Artifact {
  const jobs: Record<string, unknown> = { verify: githubVerifyJob(settings) };
  if (settings.container) jobs['docker'] = githubDockerJob(settings);
  const workflow = {
    name: 'CI',
    on: { push: { branches: ['main'] }, pull_request: { branches: ['main'] } },
    permissions: { contents: 'read' },
    concurrency: { group: '${{ github.workflow }}-${{ github.ref }}', 'cancel-in-progress': true },
    jobs,
  };
  return {
    path: '.github/workflows/ci.yml',
    language: 'yaml',
    kind: 'github-workflow',
    content: stringify(workflow, YAML_OPTIONS),
  };
}

/**
 * Renders `.gitlab-ci.yml`: merge-request and default-branch pipelines, a `verify` job on the Node image with an
 * npm cache keyed by package-lock.json, and, when a Dockerfile is produced, a `docker-build` job (Docker-in-Docker).
 */
export function renderGitlabCi(settings: DevopsSettings): Artifact {
  const pipeline: Record<string, unknown> = {
    workflow: {
      rules: [
        { if: '$CI_PIPELINE_SOURCE == "merge_request_event"' },
        { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' },
      ],
    },
    stages: settings.container ? ['verify', 'build'] : ['verify'],
    variables: { npm_config_cache: '$CI_PROJECT_DIR/.npm' },
    verify: {
      stage: 'verify',
      image: `node:${String(settings.runtime.nodeMajor)}-alpine`,
      cache: { key: { files: ['package-lock.json'] }, paths: ['.npm/'] },
      script: verifySteps(settings).map((step) => step.run),
    },
  };
  if (settings.container) {
    pipeline['docker-build'] = {
      stage: 'build',
      image: 'docker:27',
      services: ['docker:27-dind'],
      needs: ['verify'],
      script: [`docker build --tag "${settings.runtime.serviceName}:$CI_COMMIT_SHORT_SHA" .`],
    };
  }
  return { path: '.gitlab-ci.yml', language: 'yaml', kind: 'gitlab-ci', content: stringify(pipeline, YAML_OPTIONS) };
}
