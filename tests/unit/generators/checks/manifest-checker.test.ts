import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkCompose, checkKubernetes } from '../../../../generators/checks/manifest-checker.js';

const codes = (issues: ReadonlyArray<{ code?: string | undefined }>): Array<string | undefined> =>
  issues.map((i) => i.code);

describe('checkCompose', () => {
  it.each([
    [
      'image and build services',
      'services:\n  api:\n    build: .\n    depends_on: [db]\n  db:\n    image: postgres:16\n',
      [],
    ],
    [
      'long-form depends_on',
      'services:\n  api:\n    image: a:1\n    depends_on:\n      db: {condition: service_healthy}\n  db:\n    image: b:1\n',
      [],
    ],
    ['no services', 'volumes: {}\n', ['missing-services']],
    ['a service without image or build', 'services:\n  api:\n    ports: ["80:80"]\n', ['missing-image']],
    ['an unknown dependency', 'services:\n  api:\n    image: a:1\n    depends_on: [cache]\n', ['unknown-dependency']],
    ['a service that is not a mapping', 'services:\n  api: nginx\n', ['service-shape']],
  ])('%s', (_name, content, expected) => {
    expect(codes(checkCompose(parse(content)))).toEqual(expected);
  });
});

const DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api' },
  spec: {
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: {
        containers: [{ name: 'api', image: 'api:1.0.0', resources: { limits: { cpu: '500m', memory: '256Mi' } } }],
      },
    },
  },
};

describe('checkKubernetes', () => {
  const without = (mutate: (d: typeof DEPLOYMENT) => void): unknown => {
    const copy = structuredClone(DEPLOYMENT);
    mutate(copy);
    return copy;
  };
  it.each([
    ['a complete Deployment', DEPLOYMENT, []],
    [
      'a Service',
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { ports: [{ port: 80 }] } },
      [],
    ],
    ['no apiVersion, kind or name', { metadata: {} }, ['missing-api-version', 'missing-kind', 'missing-name']],
    ['a Deployment without selector', without((d) => Reflect.deleteProperty(d.spec, 'selector')), ['missing-selector']],
    [
      'a selector that does not match',
      without((d) => (d.spec.template.metadata.labels.app = 'web')),
      ['selector-mismatch'],
    ],
    [
      'a container without image',
      without((d) => Reflect.deleteProperty(d.spec.template.spec.containers[0] ?? {}, 'image')),
      ['missing-container-image'],
    ],
    [
      'a container without limits',
      without((d) => Reflect.deleteProperty(d.spec.template.spec.containers[0] ?? {}, 'resources')),
      ['missing-limits'],
    ],
    ['no containers', without((d) => (d.spec.template.spec.containers = [])), ['missing-containers']],
    ['a Deployment without template', without((d) => Reflect.deleteProperty(d.spec, 'template')), ['missing-template']],
    [
      'a CronJob pod template',
      parse(
        'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: j}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: j, image: "j:1"}]\n',
      ),
      ['missing-limits'],
    ],
    ['an empty document', null, []],
  ])('%s', (_name, value, expected) => {
    const issues = checkKubernetes(value);
    expect(codes(issues)).toEqual(expected);
    expect(issues.filter((i) => i.severity === 'warning').map((i) => i.code)).toEqual(
      expected.filter((c) => c === 'missing-limits'),
    );
  });
});
