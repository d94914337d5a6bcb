import type { Agent, AgentRunInput, AgentSkill } from '../../src/contracts/agent.js';
import type { Artifact } from '../../src/contracts/artifact.js';
import { resolveEntities, type EntityModel } from '../shared/entities.js';
import { API_PATHS } from '../shared/paths.js';
import { deriveRuntimeSettings, hasFeature, matchScopes } from '../shared/settings.js';
import { countOf, hasInput, runSteps, toNotesSentence, type Step } from '../shared/steps.js';
import { renderAuth } from './auth.js';
import { renderHandlers } from './handlers.js';
import { renderOpenApi } from './openapi.js';
import { renderMain, renderServer, type ServerInput } from './server.js';
import { renderTypes } from './types.js';

/** What the backend agent can do; listed by `list_capabilities`. */
export const BACKEND_SKILLS: readonly AgentSkill[] = [
  {
    id: 'openapi-contract',
    description: 'Writes an OpenAPI 3.1.0 contract with paged CRUD operations, schemas and error responses per entity.',
  },
  { id: 'api-types', description: 'Writes TypeScript interfaces matching every schema of the contract.' },
  {
    id: 'api-handlers',
    description:
      'Writes framework-agnostic typed route handlers with plain-TypeScript input validation and an in-memory repository.',
  },
  {
    id: 'node-http-server',
    description: 'Writes a node:http router and entry point wiring the handlers (Node built-ins only).',
  },
  {
    id: 'bearer-auth',
    description: 'Writes HS256 bearer-token signing/verification on node:crypto when the request asks for auth.',
  },
];

/** Frameworks the request may name; the generated adapter stays node:http because their types are not checked. */
const FRAMEWORKS = new Set(['express', 'fastify', 'koa', 'hapi', 'nestjs', 'nest', 'hono']);

const SCOPES = {
  contract: /contract|openapi|spec|schema/i,
  implementation: /implement|handler|server|endpoint|route|backend|service/i,
};

interface BackendPlan {
  entities: readonly EntityModel[];
  notes: string[];
  contract: boolean;
  implementation: boolean;
  server: ServerInput;
}

function apiTitle(entities: readonly EntityModel[]): string {
  const names = entities.map((entity) => entity.plural);
  const last = names.pop();
  return `${names.length > 0 ? `${names.join(', ')} and ` : ''}${last ?? 'Items'} API`;
}

function toPlan(input: AgentRunInput): BackendPlan {
  const { entities, notes } = resolveEntities(input.analysis);
  const settings = deriveRuntimeSettings(input.request, entities);
  const scopes = matchScopes(input.subtask, SCOPES) ?? new Set(['contract', 'implementation']);
  const implementation = scopes.has('implementation');
  const contract = implementation ? !hasInput(input.inputs, API_PATHS.openapi) : scopes.has('contract');
  const auth = hasFeature(input.analysis, 'auth');
  return {
    entities,
    notes: [...notes],
    contract,
    implementation,
    server: { entities, auth, port: settings.port, healthPath: settings.healthPath },
  };
}

function toSteps(plan: BackendPlan, input: AgentRunInput, counts: { operations: number }): Step[] {
  const steps: Step[] = [];
  if (plan.contract) {
    steps.push(() => {
      const description =
        input.analysis.summary.trim() || `CRUD API for ${plan.entities.map((entity) => entity.name).join(', ')}.`;
      const rendered = renderOpenApi({ title: apiTitle(plan.entities), description, ...plan.server });
      counts.operations = rendered.operationCount;
      return [rendered.artifact];
    });
  }
  if (plan.implementation) {
    steps.push(() => [renderTypes(plan.entities)]);
    steps.push(() => [renderHandlers(plan.entities)]);
    steps.push(() => [renderServer(plan.server), renderMain(plan.server)]);
    if (plan.server.auth) steps.push(() => [renderAuth()]);
  }
  return steps;
}

function toSummary(
  plan: BackendPlan,
  input: AgentRunInput,
  artifacts: readonly Artifact[],
  operations: number,
): string {
  const parts: string[] = [];
  if (plan.contract) parts.push(`an OpenAPI 3.1.0 contract with ${countOf(operations, 'operation')}`);
  if (plan.implementation) {
    parts.push(
      'TypeScript types',
      'handlers with input validation and an in-memory repository',
      'a node:http server with its entry point',
    );
    if (plan.server.auth) parts.push('HS256 bearer-token auth');
  }
  const names = plan.entities.map((entity) => entity.name).join(', ');
  const notes = [...plan.notes];
  const framework = input.analysis.stack.backend?.toLowerCase();
  if (plan.implementation && framework !== undefined && FRAMEWORKS.has(framework)) {
    notes.push(`the stack names ${framework}; the handlers are framework-agnostic and the adapter is node:http`);
  }
  return `Generated ${countOf(artifacts.length, 'backend file')} for ${countOf(plan.entities.length, 'entity', 'entities')} (${names}): ${parts.join(', ')}.${toNotesSentence(notes)}`;
}

/**
 * Creates the backend agent: an OpenAPI contract, types, framework-agnostic handlers, a node:http server and,
 * with the `auth` feature, bearer-token auth, all derived from the analysis entities. Deterministic.
 * A sub-task whose id/title names the contract only gets the contract; one naming the implementation gets
 * the code (and the contract too when no `api/openapi.yaml` is among its inputs).
 */
export function createBackendAgent(): Agent {
  return {
    kind: 'backend',
    skills: BACKEND_SKILLS,
    async run(input, options = {}) {
      const plan = toPlan(input);
      const counts = { operations: 0 };
      const artifacts = await runSteps(toSteps(plan, input, counts), options.signal);
      return { summary: toSummary(plan, input, artifacts, counts.operations), artifacts };
    },
  };
}
