import type { Deployment } from '../../src/contracts/architecture.js';
import { named, suggest, type DesignContext } from './context.js';

type Region = Deployment['regions'][number];

const EXAMPLE_REGION: Readonly<Record<'eu' | 'us' | 'gov', Record<'aws' | 'azure' | 'gcp', string>>> = {
  eu: { aws: 'eu-central-1', azure: 'West Europe', gcp: 'europe-west3' },
  us: { aws: 'us-east-1', azure: 'East US', gcp: 'us-central1' },
  gov: { aws: 'AWS GovCloud (US)', azure: 'Azure Government', gcp: 'Assured Workloads (US)' },
};

function example(ctx: DesignContext, area: 'eu' | 'us' | 'gov'): string {
  return ctx.cloud === null ? '' : ` (e.g. ${EXAMPLE_REGION[area][ctx.cloud]})`;
}

/**
 * Regions follow the regulations first: GDPR → EU residency (Art. 44–49), HIPAA → a US region under the cloud
 * BAA, FedRAMP → a government region; then availability (≥ 99.99 % → a second region) and multi-region asks.
 */
export function designRegions(ctx: DesignContext): Region[] {
  const { facts } = ctx;
  const regions: Region[] = [];
  const zones = 'spread across at least two availability zones';
  if (facts.compliance('fedramp'))
    regions.push({
      name: `US government region${example(ctx, 'gov')}`,
      purpose: `FedRAMP authorisation boundary; ${zones}.`,
    });
  if (facts.compliance('hipaa') && !facts.compliance('fedramp'))
    regions.push({
      name: `US region${example(ctx, 'us')}`,
      purpose: `PHI of US patients, on services covered by the provider's BAA; ${zones}.`,
    });
  if (facts.compliance('gdpr')) {
    const note =
      regions.length > 0
        ? 'Personal data of EU data subjects stays here; no replication to other regions without a GDPR transfer mechanism'
        : 'Primary region; personal data of EU data subjects stays in the EU';
    regions.push({ name: `EU region${example(ctx, 'eu')}`, purpose: `${note}; ${zones}.` });
  }
  if (regions.length === 0) regions.push({ name: 'Primary region', purpose: `Closest to most users; ${zones}.` });
  const availability = facts.value('availability') ?? 0;
  if (facts.first('multi_region') || availability >= 99.99) {
    const mode =
      availability >= 99.99 || facts.first('multi_region')?.evidence.text.toLowerCase().includes('active-active')
        ? 'active-active or warm standby'
        : 'warm standby';
    regions.push({
      name: 'Secondary region',
      purpose: `${mode} for failover and regional latency, in the same legal jurisdiction as the data it replicates.`,
    });
  }
  return regions;
}

function computeFor(ctx: DesignContext): string {
  const platform = named(ctx, ['container', 'paas'], ['docker'])?.name;
  const containers =
    platform ??
    suggest(ctx, {
      aws: 'Amazon ECS on Fargate',
      azure: 'Azure Container Apps',
      gcp: 'Cloud Run',
      neutral: 'a managed container platform',
    });
  switch (ctx.style.id) {
    case 'serverless':
      return `${named(ctx, ['serverless'])?.name ?? suggest(ctx, { aws: 'AWS Lambda', azure: 'Azure Functions', gcp: 'Cloud Run functions', neutral: 'a functions platform' })} behind a managed API gateway; concurrency limits per function protect the database.`;
    case 'web-queue-worker':
      return `Two container deployments on ${containers}: the web tier autoscaled on request rate, the worker tier autoscaled on queue depth and job age.`;
    case 'microservices':
      return `One container deployment per service on ${containers}, each with its own pipeline, autoscaling and database credentials.`;
    case 'event-driven':
      return `Ingestion, stream processors and consumers as separate container deployments on ${containers}; consumers autoscale on consumer lag.`;
    case 'cqrs-event-sourcing':
      return `Command API, Query API and projection workers as separate container deployments on ${containers}; reads and writes scale independently.`;
    default:
      return `The application as one container image on ${containers}, at least two replicas; real-time and background components, if any, as separate deployments of the same image with different entry points.`;
  }
}

/** Environments, regions, compute and the CI/CD pipeline for the chosen style. */
export function designDeployment(ctx: DesignContext): Deployment {
  const regulated = ctx.facts.all('compliance').length > 0;
  const ci = named(ctx, ['ci'])?.name ?? 'the CI service (not specified in tech_stack)';
  const iac = named(ctx, ['iac'])?.name ?? 'infrastructure as code (e.g. Terraform or OpenTofu)';
  return {
    environments: [
      {
        name: 'development',
        purpose: 'Local: containers for the app and its data stores (Docker Compose or emulators); seeded fake data.',
      },
      {
        name: 'staging',
        purpose: `Production-like, deployed by the same pipeline and ${iac}; ${regulated ? 'synthetic data only — no regulated data outside production' : 'anonymised or synthetic data'}.`,
      },
      {
        name: 'production',
        purpose: 'Deployed only from the pipeline after staging checks pass; access audited and least-privilege.',
      },
    ],
    regions: designRegions(ctx),
    compute: computeFor(ctx),
    ci_cd: [
      `On every pull request (${ci}): lint, typecheck, unit tests, dependency and secret scanning.`,
      'On merge: build one immutable, versioned image/artifact with an SBOM; scan it; push to the registry.',
      `Provision infrastructure with ${iac}; review plans in the pull request.`,
      'Deploy to staging; run database migrations (expand/contract), integration and contract tests, smoke tests.',
      'Promote the same artifact to production with a canary or blue/green rollout and automatic rollback on SLO alerts.',
    ],
  };
}
