import type { Agent, AgentSkill } from '../../src/contracts/agent.js';
import type { Artifact } from '../../src/contracts/artifact.js';
import { matchScopes } from '../shared/settings.js';
import { countOf, runSteps, toNotesSentence, type Step } from '../shared/steps.js';
import { renderGithubWorkflow, renderGitlabCi } from './ci.js';
import { renderCompose } from './compose.js';
import { renderDockerfile, renderDockerignore } from './dockerfile.js';
import { renderDeployment, renderService, secretKeys, secretName } from './kubernetes.js';
import { toDevopsSettings, type DevopsSettings } from './settings.js';

/** What the devops agent can do; listed by `list_capabilities`. */
export const DEVOPS_SKILLS: readonly AgentSkill[] = [
  {
    id: 'dockerfile',
    description: 'Writes a multi-stage Node.js Dockerfile (non-root, HEALTHCHECK, EXPOSE) and a .dockerignore.',
  },
  {
    id: 'github-actions',
    description: 'Writes a GitHub Actions workflow: npm ci, lint, type-check, test, build and a Docker image build.',
  },
  { id: 'gitlab-ci', description: 'Writes a .gitlab-ci.yml with the same verification and an image build job.' },
  {
    id: 'docker-compose',
    description:
      'Writes compose.yaml with the app and its database/cache services, healthchecks, named volumes, no inline secrets.',
  },
  {
    id: 'kubernetes-manifests',
    description: 'Writes a Deployment (resources, probes, non-root securityContext) and a Service.',
  },
];

const SCOPES = {
  ci: /(^|[^a-z])ci([^a-z]|$)|pipeline|workflow|actions/i,
  runtime: /contain|docker|image|deploy|k8s|kube|compose|orchestr|infra|runtime|helm/i,
};

function toSteps(settings: DevopsSettings, scopes: ReadonlySet<string>): Step[] {
  const steps: Step[] = [];
  if (scopes.has('runtime')) {
    if (settings.container) steps.push(() => [renderDockerfile(settings), renderDockerignore()]);
    if (settings.compose) steps.push(() => [renderCompose(settings)]);
    if (settings.kubernetes) steps.push(() => [renderDeployment(settings), renderService(settings)]);
  }
  if (scopes.has('ci') && settings.ci !== null) {
    const ci = settings.ci;
    steps.push(() => [ci === 'gitlab-ci' ? renderGitlabCi(settings) : renderGithubWorkflow(settings)]);
  }
  return steps;
}

function toSummary(settings: DevopsSettings, artifacts: readonly Artifact[]): string {
  const paths = artifacts.map((artifact) => artifact.path);
  const { runtime } = settings;
  const notes = [...settings.notes];
  if (paths.includes('k8s/deployment.yaml') && secretKeys(settings).length > 0) {
    notes.push(
      `the Deployment reads ${secretKeys(settings).join(', ')} from a Secret named ${secretName(settings)}, which is not generated`,
    );
  }
  const services = settings.services.map((service) => `${service.name} (${service.image})`);
  const composeNote = paths.includes('compose.yaml')
    ? ` compose.yaml runs app${services.length > 0 ? ` + ${services.join(', ')}` : ''}.`
    : '';
  return (
    `Generated ${countOf(artifacts.length, 'devops file')} (${paths.join(', ')}) for service ${runtime.serviceName} on port ${String(runtime.port)} ` +
    `with Node.js ${String(runtime.nodeMajor)}.${composeNote}${toNotesSentence(notes)}`
  );
}

/**
 * Creates the devops agent: Dockerfile and .dockerignore, a CI pipeline (GitHub Actions or GitLab CI), compose.yaml
 * when a database/cache or compose is asked, and Kubernetes manifests when Kubernetes is asked. A sub-task whose
 * id/title names CI gets only the pipeline; one naming containers/deployment gets everything else.
 */
export function createDevopsAgent(): Agent {
  return {
    kind: 'devops',
    skills: DEVOPS_SKILLS,
    async run(input, options = {}) {
      const derived = toDevopsSettings(input);
      const explicit = matchScopes(input.subtask, SCOPES);
      const scopes = explicit ?? new Set(['ci', 'runtime']);
      // A sub-task that names CI or containers gets them even when the analysis did not flag them.
      const settings: DevopsSettings = {
        ...derived,
        ci: derived.ci ?? (explicit?.has('ci') === true ? 'github-actions' : null),
        container: derived.container || explicit?.has('runtime') === true,
      };
      const artifacts = await runSteps(toSteps(settings, scopes), options.signal);
      return { summary: toSummary(settings, artifacts), artifacts };
    },
  };
}
