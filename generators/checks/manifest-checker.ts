import { isRecord, type StructureIssue } from './shared.js';

type Path = Array<string | number>;

const err = (message: string, path: Path, code: string): StructureIssue => ({ severity: 'error', message, path, code });
const warn = (message: string, path: Path, code: string): StructureIssue => ({
  severity: 'warning',
  message,
  path,
  code,
});

/**
 * Compose file structure (after the Compose Specification): `services` is a non-empty mapping, each service
 * has `image` or `build`, and `depends_on` names existing services.
 */
export function checkCompose(value: unknown): StructureIssue[] {
  if (!isRecord(value)) return [err('A compose file must be a mapping with `services`.', [], 'compose-shape')];
  const services = value.services;
  if (!isRecord(services) || Object.keys(services).length === 0) {
    return [
      err(
        '`services` must be a non-empty mapping of service name to service.',
        isRecord(services) ? ['services'] : [],
        'missing-services',
      ),
    ];
  }
  const issues: StructureIssue[] = [];
  for (const [name, service] of Object.entries(services)) {
    const path: Path = ['services', name];
    if (!isRecord(service)) {
      issues.push(err(`Service "${name}" must be a mapping.`, path, 'service-shape'));
      continue;
    }
    if (service.image === undefined && service.build === undefined) {
      issues.push(err(`Service "${name}" needs \`image\` or \`build\`.`, path, 'missing-image'));
    }
    const dependsOn = Array.isArray(service.depends_on)
      ? service.depends_on
      : isRecord(service.depends_on)
        ? Object.keys(service.depends_on)
        : [];
    for (const dependency of dependsOn) {
      if (typeof dependency !== 'string' || !(dependency in services)) {
        issues.push(
          err(
            `Service "${name}" depends on unknown service "${String(dependency)}".`,
            [...path, 'depends_on'],
            'unknown-dependency',
          ),
        );
      }
    }
  }
  return issues;
}

/** Where the pod template sits in each workload kind, and whether `spec.selector` is required. */
const WORKLOADS: Record<string, { template: Path; selector: boolean }> = {
  Deployment: { template: ['spec', 'template'], selector: true },
  StatefulSet: { template: ['spec', 'template'], selector: true },
  DaemonSet: { template: ['spec', 'template'], selector: true },
  ReplicaSet: { template: ['spec', 'template'], selector: true },
  Job: { template: ['spec', 'template'], selector: false },
  CronJob: { template: ['spec', 'jobTemplate', 'spec', 'template'], selector: false },
};

/**
 * Kubernetes manifest structure, per document: `apiVersion`, `kind`, `metadata.name` (or `generateName`).
 * Workloads need a pod template with containers that each have an `image`; Deployment-like kinds need
 * `spec.selector` whose `matchLabels` the template's labels carry (the API server rejects a mismatch).
 * A container without `resources.limits` is a warning. Pods are checked like a template's `spec`.
 */
export function checkKubernetes(value: unknown): StructureIssue[] {
  if (value === null || value === undefined) return [];
  if (!isRecord(value)) return [err('A Kubernetes manifest must be a mapping.', [], 'manifest-shape')];
  const issues: StructureIssue[] = [];
  if (typeof value.apiVersion !== 'string') issues.push(err('Missing `apiVersion`.', [], 'missing-api-version'));
  if (typeof value.kind !== 'string') issues.push(err('Missing `kind`.', [], 'missing-kind'));
  const metadata = value.metadata;
  if (!isRecord(metadata) || (typeof metadata.name !== 'string' && typeof metadata.generateName !== 'string')) {
    issues.push(err('Missing `metadata.name`.', isRecord(metadata) ? ['metadata'] : [], 'missing-name'));
  }
  const kind = typeof value.kind === 'string' ? value.kind : '';
  if (kind === 'Pod') issues.push(...checkPodSpec(value.spec, ['spec']));
  const workload = WORKLOADS[kind];
  if (workload) issues.push(...checkWorkload(value, kind, workload));
  return issues;
}

function checkWorkload(
  value: Record<string, unknown>,
  kind: string,
  workload: { template: Path; selector: boolean },
): StructureIssue[] {
  const issues: StructureIssue[] = [];
  const template = getIn(value, workload.template);
  if (!isRecord(template))
    return [
      err(
        `${kind} needs a pod template at \`${workload.template.join('.')}\`.`,
        deepestPath(value, workload.template),
        'missing-template',
      ),
    ];
  if (workload.selector) {
    const selector = getIn(value, ['spec', 'selector']);
    if (!isRecord(selector)) issues.push(err(`${kind} needs \`spec.selector\`.`, ['spec'], 'missing-selector'));
    else issues.push(...checkSelector(selector, getIn(template, ['metadata', 'labels']), kind));
  }
  issues.push(...checkPodSpec(template.spec, [...workload.template, 'spec']));
  return issues;
}

function checkSelector(selector: Record<string, unknown>, labels: unknown, kind: string): StructureIssue[] {
  if (!isRecord(selector.matchLabels)) return [];
  const mismatched = Object.entries(selector.matchLabels).filter(
    ([key, label]) => !isRecord(labels) || labels[key] !== label,
  );
  return mismatched.map(([key]) =>
    err(
      `${kind} selector label "${key}" does not match the pod template's labels.`,
      ['spec', 'selector', 'matchLabels', key],
      'selector-mismatch',
    ),
  );
}

function checkPodSpec(spec: unknown, path: Path): StructureIssue[] {
  const containers = isRecord(spec) ? spec.containers : undefined;
  if (!Array.isArray(containers) || containers.length === 0) {
    return [
      err(
        'The pod spec needs a non-empty `containers` list.',
        isRecord(spec) ? path : path.slice(0, -1),
        'missing-containers',
      ),
    ];
  }
  const issues: StructureIssue[] = [];
  for (const [index, container] of containers.entries()) {
    const at: Path = [...path, 'containers', index];
    if (!isRecord(container)) {
      issues.push(err(`Container ${index + 1} must be a mapping.`, at, 'container-shape'));
      continue;
    }
    const name = typeof container.name === 'string' ? container.name : `#${index + 1}`;
    if (typeof container.name !== 'string')
      issues.push(err(`Container ${name} has no \`name\`.`, at, 'missing-container-name'));
    if (typeof container.image !== 'string' || container.image === '')
      issues.push(err(`Container ${name} has no \`image\`.`, at, 'missing-container-image'));
    if (!isRecord(container.resources) || !isRecord(container.resources.limits)) {
      issues.push(
        warn(`Container ${name} sets no \`resources.limits\`; one pod can starve the node.`, at, 'missing-limits'),
      );
    }
  }
  return issues;
}

function getIn(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isRecord(current) && typeof key === 'string') current = current[key];
    else return undefined;
  }
  return current;
}

function deepestPath(value: unknown, path: Path): Path {
  for (let depth = path.length; depth > 0; depth -= 1)
    if (getIn(value, path.slice(0, depth)) !== undefined) return path.slice(0, depth);
  return [];
}
