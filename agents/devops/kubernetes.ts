import { stringify } from 'yaml';
import type { Artifact } from '../../src/contracts/artifact.js';
import type { DevopsSettings } from './settings.js';

/** Name of the Secret the Deployment reads credentials from (created outside the repository). */
export function secretName(settings: DevopsSettings): string {
  return `${settings.runtime.serviceName}-secrets`;
}

/** Environment keys the Deployment takes from {@link secretName}. */
export function secretKeys(settings: DevopsSettings): string[] {
  return [...settings.services.map((service) => service.url.variable), ...(settings.auth ? ['AUTH_SECRET'] : [])];
}

function labels(settings: DevopsSettings): Record<string, string> {
  return { 'app.kubernetes.io/name': settings.runtime.serviceName, 'app.kubernetes.io/component': 'api' };
}

function container(settings: DevopsSettings): Record<string, unknown> {
  const { runtime } = settings;
  const probe = (periodSeconds: number, failureThreshold: number): Record<string, unknown> => ({
    httpGet: { path: runtime.healthPath, port: 'http' },
    periodSeconds,
    timeoutSeconds: 2,
    failureThreshold,
  });
  const secretEnv = secretKeys(settings).map((key) => ({
    name: key,
    valueFrom: { secretKeyRef: { name: secretName(settings), key } },
  }));
  return {
    name: 'app',
    image: `${runtime.serviceName}:1.0.0`,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: 'http', containerPort: runtime.port, protocol: 'TCP' }],
    env: [{ name: 'NODE_ENV', value: 'production' }, { name: 'PORT', value: String(runtime.port) }, ...secretEnv],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    startupProbe: probe(5, 12),
    readinessProbe: probe(10, 3),
    livenessProbe: probe(20, 3),
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
  };
}

/**
 * Renders `k8s/deployment.yaml`: 2 replicas of the image built by the Dockerfile, resource requests and limits,
 * startup/readiness/liveness probes on the health route, a non-root pod (uid 1000, the image's `node` user),
 * a read-only root filesystem and credentials from a Secret by reference.
 */
export function renderDeployment(settings: DevopsSettings): Artifact {
  const document = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: settings.runtime.serviceName, labels: labels(settings) },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels(settings) },
      template: {
        metadata: { labels: labels(settings) },
        spec: {
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [container(settings)],
        },
      },
    },
  };
  return {
    path: 'k8s/deployment.yaml',
    language: 'yaml',
    kind: 'kubernetes',
    content: stringify(document, { lineWidth: 0 }),
  };
}

/** Renders `k8s/service.yaml`: a ClusterIP Service on port 80 targeting the container's `http` port. */
export function renderService(settings: DevopsSettings): Artifact {
  const document = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: settings.runtime.serviceName, labels: labels(settings) },
    spec: {
      type: 'ClusterIP',
      selector: labels(settings),
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  };
  return {
    path: 'k8s/service.yaml',
    language: 'yaml',
    kind: 'kubernetes',
    content: stringify(document, { lineWidth: 0 }),
  };
}
