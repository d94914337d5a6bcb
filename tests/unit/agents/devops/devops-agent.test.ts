import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createBackendAgent, createDevopsAgent } from '../../../../agents/index.js';
import type { Artifact } from '../../../../src/contracts/artifact.js';
import { FULL_STACK_REQUEST, fullStackAnalysis, minimalAnalysis, runInput, subtask } from '../helpers/fixtures.js';

type Json = Record<string, unknown>;

function find(artifacts: readonly Artifact[], path: string): Artifact {
  const artifact = artifacts.find((candidate) => candidate.path === path);
  if (artifact === undefined) throw new Error(`missing ${path}`);
  return artifact;
}

function yamlOf(artifacts: readonly Artifact[], path: string): Json {
  return parse(find(artifacts, path).content) as Json;
}

async function fullStack(): Promise<Artifact[]> {
  const backend = await createBackendAgent().run(runInput('backend'));
  return (await createDevopsAgent().run(runInput('devops', fullStackAnalysis(), backend.artifacts))).artifacts;
}

describe('devops agent', () => {
  it('produces Dockerfile, .dockerignore, compose, Kubernetes and GitHub Actions with the right kinds and languages', async () => {
    const artifacts = await fullStack();
    expect(artifacts.map((a) => [a.path, a.kind, a.language])).toEqual([
      ['Dockerfile', 'dockerfile', 'dockerfile'],
      ['.dockerignore', 'config', 'text'],
      ['compose.yaml', 'compose', 'yaml'],
      ['k8s/deployment.yaml', 'kubernetes', 'yaml'],
      ['k8s/service.yaml', 'kubernetes', 'yaml'],
      ['.github/workflows/ci.yml', 'github-workflow', 'yaml'],
    ]);
  });

  it('writes a multi-stage, non-root Dockerfile with EXPOSE and HEALTHCHECK on the derived port', async () => {
    const dockerfile = find(await fullStack(), 'Dockerfile').content;
    expect(dockerfile.match(/^FROM node:22-alpine AS (build|runtime)$/gm)).toEqual([
      'FROM node:22-alpine AS build',
      'FROM node:22-alpine AS runtime',
    ]);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^EXPOSE 8080$/m);
    expect(dockerfile).toContain('CMD wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1');
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
  });

  it('writes a CI workflow that parses, runs on push and pull_request, and has the verify and docker jobs', async () => {
    const workflow = yamlOf(await fullStack(), '.github/workflows/ci.yml');
    expect(Object.keys(workflow['on'] as Json).sort()).toEqual(['pull_request', 'push']);
    const jobs = workflow['jobs'] as Record<
      string,
      { steps: Array<{ uses?: string; run?: string; with?: Json }>; needs?: string }
    >;
    expect(Object.keys(jobs)).toEqual(['verify', 'docker']);
    const verify = jobs['verify']?.steps ?? [];
    expect(verify.map((step) => step.uses ?? step.run)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'npm run lint',
      'npx tsc --noEmit',
      'npm test',
      'npm run build',
    ]);
    expect(verify[1]?.with).toEqual({ 'node-version': 22, cache: 'npm' });
    expect(jobs['docker']?.needs).toBe('verify');
    expect(jobs['docker']?.steps.some((step) => step.uses === 'docker/build-push-action@v6')).toBe(true);
  });

  it('writes compose with app and db healthchecks, a named volume and no inline secrets', async () => {
    const artifacts = await fullStack();
    const compose = yamlOf(artifacts, 'compose.yaml');
    const services = compose['services'] as Record<string, Json>;
    expect(Object.keys(services)).toEqual(['app', 'db']);
    expect(services['db']?.['image']).toBe('postgres:17-alpine');
    expect(services['app']?.['healthcheck']).toBeDefined();
    expect(services['db']?.['healthcheck']).toBeDefined();
    expect(services['app']?.['depends_on']).toEqual({ db: { condition: 'service_healthy' } });
    expect(compose['volumes']).toEqual({ 'db-data': {} });
    const env = services['app']?.['environment'] as Record<string, string>;
    expect(env['AUTH_SECRET']).toBe('${AUTH_SECRET:?set AUTH_SECRET}');
    expect(find(artifacts, 'compose.yaml').content).not.toMatch(/PASSWORD: (?!\$\{)/);
  });

  it('writes Kubernetes manifests with resources, probes and a non-root securityContext', async () => {
    const artifacts = await fullStack();
    const deployment = yamlOf(artifacts, 'k8s/deployment.yaml');
    expect([deployment['apiVersion'], deployment['kind']]).toEqual(['apps/v1', 'Deployment']);
    const pod = ((deployment['spec'] as Json)['template'] as Json)['spec'] as Json;
    expect((pod['securityContext'] as Json)['runAsNonRoot']).toBe(true);
    const [container] = pod['containers'] as Json[];
    expect(container?.['resources']).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    });
    expect((container?.['readinessProbe'] as Json)['httpGet']).toEqual({ path: '/health', port: 'http' });
    expect(container?.['livenessProbe']).toBeDefined();
    const service = yamlOf(artifacts, 'k8s/service.yaml');
    expect(service['kind']).toBe('Service');
  });

  it('writes compose and Kubernetes only when asked', async () => {
    const output = await createDevopsAgent().run(runInput('devops', minimalAnalysis(), [], 'A notes API in Docker'));
    expect(output.artifacts.map((a) => a.path)).toEqual(['Dockerfile', '.dockerignore']);
    expect(find(output.artifacts, 'Dockerfile').content).toMatch(/^CMD \["npm", "start"\]$/m);
    expect(output.summary).toContain('no src/main.ts among the inputs');
  });

  it('writes GitLab CI when asked, and a cache service for redis', async () => {
    const analysis = minimalAnalysis();
    analysis.deployment.ci = 'gitlab-ci';
    const output = await createDevopsAgent().run(
      runInput('devops', analysis, [], 'Notes API with a redis cache on GitLab'),
    );
    expect(output.artifacts.map((a) => a.path)).toEqual([
      'Dockerfile',
      '.dockerignore',
      'compose.yaml',
      '.gitlab-ci.yml',
    ]);
    const gitlab = yamlOf(output.artifacts, '.gitlab-ci.yml');
    expect(Object.keys(gitlab)).toEqual(expect.arrayContaining(['stages', 'verify', 'docker-build']));
    expect((gitlab['verify'] as Json)['script']).toEqual([
      'npm ci',
      'npm run lint',
      'npx tsc --noEmit',
      'npm test',
      'npm run build',
    ]);
    const services = yamlOf(output.artifacts, 'compose.yaml')['services'] as Record<string, Json>;
    expect(Object.keys(services)).toEqual(['app', 'cache']);
    expect(services['cache']?.['image']).toBe('redis:7-alpine');
  });

  it.each([
    ['ci-pipeline', 'Set up CI', ['.github/workflows/ci.yml']],
    [
      'containerize',
      'Containerize the app',
      ['Dockerfile', '.dockerignore', 'compose.yaml', 'k8s/deployment.yaml', 'k8s/service.yaml'],
    ],
  ])('scopes its work by the sub-task hint %s', async (id, title, expected) => {
    const input = {
      ...runInput('devops', fullStackAnalysis(), [], FULL_STACK_REQUEST),
      subtask: subtask('devops', id, title),
    };
    const output = await createDevopsAgent().run(input);
    expect(output.artifacts.map((a) => a.path)).toEqual(expected);
  });

  it('derives the Node version and port from the request', async () => {
    const output = await createDevopsAgent().run(
      runInput('devops', minimalAnalysis(), [], 'Run it on Node 20, listening on port 4000'),
    );
    const dockerfile = find(output.artifacts, 'Dockerfile').content;
    expect(dockerfile).toContain('FROM node:20-alpine AS build');
    expect(dockerfile).toMatch(/^EXPOSE 4000$/m);
  });
});
