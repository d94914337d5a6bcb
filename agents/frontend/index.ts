import type { Agent, AgentRunInput, AgentSkill } from '../../src/contracts/agent.js';
import type { Artifact } from '../../src/contracts/artifact.js';
import { isOrchestratorError } from '../../src/core/errors.js';
import { resolveEntities } from '../shared/entities.js';
import { buildOpenApiDocument } from '../shared/openapi-document.js';
import { API_PATHS } from '../shared/paths.js';
import { deriveRuntimeSettings, hasFeature, matchScopes, mentions } from '../shared/settings.js';
import { countOf, findInput, runSteps, toNotesSentence, type Step } from '../shared/steps.js';
import { renderApiClient } from './api-client.js';
import { renderFormComponent, renderListComponent } from './components.js';
import { parseContract, toContract, type ClientContract } from './contract.js';
import { renderDomView } from './dom-views.js';
import { resolveResources, type UiResource } from './resources.js';
import { renderStyling } from './styles.js';

/** What the frontend agent can do; listed by `list_capabilities`. */
export const FRONTEND_SKILLS: readonly AgentSkill[] = [
  {
    id: 'typed-api-client',
    description: 'Writes a typed fetch client with one function per operation of the OpenAPI contract.',
  },
  {
    id: 'react-components',
    description: 'Writes React TSX list (paged) and form components with typed props per entity.',
  },
  {
    id: 'dom-views',
    description: 'Writes framework-free typed DOM modules per entity for non-React stacks (vue, svelte, angular).',
  },
  { id: 'css-styling', description: 'Writes a responsive stylesheet and a layout component that uses it.' },
];

/** Frontend stacks rendered as React components; every other named stack gets DOM modules. */
const REACT_STACKS = new Set(['react', 'next', 'nextjs', 'next.js', 'preact', 'remix', 'gatsby']);

const SCOPES = { styling: /styl|css|theme/i, components: /component|view|page|screen|form|list|client/i };

interface FrontendPlan {
  react: boolean;
  contract: ClientContract;
  contractSource: string;
  resources: UiResource[];
  notes: string[];
  components: boolean;
  styling: boolean;
}

function loadContract(input: AgentRunInput, notes: string[]): { contract: ClientContract; source: string } {
  const given = findInput(input.inputs, API_PATHS.openapi);
  if (given !== undefined) {
    try {
      return { contract: parseContract(given.content), source: API_PATHS.openapi };
    } catch (error) {
      if (!isOrchestratorError(error)) throw error;
      notes.push(
        `${API_PATHS.openapi} could not be read (${error.message}), so the client was derived from the analysis`,
      );
    }
  }
  const { entities } = resolveEntities(input.analysis);
  const settings = deriveRuntimeSettings(input.request, entities);
  const document = buildOpenApiDocument({
    title: 'API',
    description: input.analysis.summary,
    entities,
    auth: hasFeature(input.analysis, 'auth'),
    port: settings.port,
    healthPath: settings.healthPath,
  });
  return { contract: toContract(document), source: 'the request analysis (no API contract among the inputs)' };
}

function toPlan(input: AgentRunInput): FrontendPlan {
  const { entities, notes } = resolveEntities(input.analysis);
  const allNotes = [...notes];
  const { contract, source } = loadContract(input, allNotes);
  const { resources, notes: resourceNotes } = resolveResources(contract, entities);
  allNotes.push(...resourceNotes);
  const stack = input.analysis.stack.frontend?.toLowerCase() ?? null;
  const react = stack === null || REACT_STACKS.has(stack);
  if (!react)
    allNotes.push(
      `the stack names ${stack}; its component format cannot be type-checked here, so the views are framework-free typed DOM modules`,
    );
  const scopes = matchScopes(input.subtask, SCOPES);
  const wantsStyle = hasFeature(input.analysis, 'styling') || mentions(input.request, 'css');
  return {
    react,
    contract,
    contractSource: source,
    resources,
    notes: allNotes,
    components: scopes === undefined || scopes.has('components'),
    styling: scopes === undefined ? wantsStyle : scopes.has('styling'),
  };
}

function toSteps(plan: FrontendPlan): Step[] {
  const steps: Step[] = [];
  if (plan.components) {
    steps.push(() => [renderApiClient(plan.contract, plan.contractSource)]);
    for (const resource of plan.resources) {
      steps.push(() =>
        plan.react ? [renderListComponent(resource), renderFormComponent(resource)] : [renderDomView(resource)],
      );
    }
  }
  if (plan.styling) steps.push(() => renderStyling(plan.react));
  return steps;
}

function toSummary(plan: FrontendPlan, artifacts: readonly Artifact[]): string {
  const parts: string[] = [];
  if (plan.components) {
    parts.push(
      `a typed fetch client with ${countOf(plan.contract.operations.length, 'operation')} from ${plan.contractSource}`,
    );
    const count = plan.resources.length;
    parts.push(
      plan.react
        ? `${countOf(count, 'list component')} and ${countOf(count, 'form component')} in React TSX`
        : `${countOf(count, 'DOM view module')}`,
    );
  }
  if (plan.styling)
    parts.push(`styles.css with ${plan.react ? 'the AppLayout component' : 'the app-layout DOM module'} that uses it`);
  return `Generated ${countOf(artifacts.length, 'frontend file')}: ${parts.join(', ')}.${toNotesSentence(plan.notes)}`;
}

/**
 * Creates the frontend agent: a typed fetch client derived from `api/openapi.yaml` among the inputs (else from the
 * analysis), React list/form components per entity (DOM modules for other stacks), and styling when the request
 * asks for it. A sub-task whose id/title names styling gets only the styling; one naming components gets no styling.
 */
export function createFrontendAgent(): Agent {
  return {
    kind: 'frontend',
    skills: FRONTEND_SKILLS,
    async run(input, options = {}) {
      const plan = toPlan(input);
      const artifacts = await runSteps(toSteps(plan), options.signal);
      return { summary: toSummary(plan, artifacts), artifacts };
    },
  };
}
