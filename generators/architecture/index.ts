import {
  ARCHITECTURE_DESCRIPTION_MAX_CHARS,
  ARCHITECTURE_LIST_ITEM_MAX_CHARS,
  ARCHITECTURE_LIST_MAX_ITEMS,
  type ArchitectureEngine,
  type ArchitectureRequest,
  type ArchitectureResult,
} from '../../src/contracts/architecture.js';
import { InvalidInputError } from '../../src/core/errors.js';
import { designAdrs } from './adrs.js';
import { designApiStyle } from './api-style.js';
import { designComponents } from './components.js';
import { createDesignContext } from './context.js';
import { designDataStores } from './data-stores.js';
import { designDeployment } from './deployment.js';
import { toComponentDiagram, toDeploymentDiagram } from './diagrams.js';
import { extractRequirements, toFacts } from './extract-requirements.js';
import { toMarkdown } from './markdown.js';
import { designRisks } from './risks.js';
import { designScalability } from './scalability.js';
import { scoreStyles, toAlternatives, toReasons } from './score.js';
import { designSecurity } from './security.js';
import { designStackWarnings } from './stack-warnings.js';
import { STYLES } from './styles.js';

export { extractRequirements } from './extract-requirements.js';
export { STYLES } from './styles.js';

const LIST_FIELDS = ['tech_stack', 'requirements', 'constraints'] as const;

/**
 * Checks the request's sizes.
 *
 * @throws InvalidInputError when the description is empty/whitespace or longer than
 *   {@link ARCHITECTURE_DESCRIPTION_MAX_CHARS}, or a list has more than {@link ARCHITECTURE_LIST_MAX_ITEMS} lines or a
 *   line longer than {@link ARCHITECTURE_LIST_ITEM_MAX_CHARS}.
 */
export function parseArchitectureRequest(request: ArchitectureRequest): ArchitectureRequest {
  const description = typeof request.project_description === 'string' ? request.project_description.trim() : '';
  if (description.length === 0) {
    throw new InvalidInputError('project_description is empty.', {
      hint: 'Describe the system in a few sentences: what it does, who uses it, expected scale (users, requests/s), team size and any compliance needs.',
    });
  }
  if (description.length > ARCHITECTURE_DESCRIPTION_MAX_CHARS) {
    throw new InvalidInputError(
      `project_description has ${description.length} characters; the limit is ${ARCHITECTURE_DESCRIPTION_MAX_CHARS}.`,
      {
        hint: 'Summarise the brief and move detailed needs into `requirements` and `constraints`, one per line.',
        data: { length: description.length, max: ARCHITECTURE_DESCRIPTION_MAX_CHARS },
      },
    );
  }
  const lists: Partial<Record<(typeof LIST_FIELDS)[number], string[]>> = {};
  for (const field of LIST_FIELDS) {
    const items = request[field] ?? [];
    if (items.length > ARCHITECTURE_LIST_MAX_ITEMS) {
      throw new InvalidInputError(
        `${field} has ${items.length} entries; the limit is ${ARCHITECTURE_LIST_MAX_ITEMS}.`,
        { hint: `Merge related ${field} entries.` },
      );
    }
    const long = items.find((item) => item.length > ARCHITECTURE_LIST_ITEM_MAX_CHARS);
    if (long !== undefined) {
      throw new InvalidInputError(
        `An entry of ${field} has ${long.length} characters; the limit is ${ARCHITECTURE_LIST_ITEM_MAX_CHARS}.`,
        { hint: `Split it into several ${field} entries.` },
      );
    }
    lists[field] = items.map((item) => item.trim()).filter((item) => item.length > 0);
  }
  return { project_description: description, ...lists };
}

/** Designs one architecture. Pure: the same request gives a byte-identical result. */
function generate(raw: ArchitectureRequest): ArchitectureResult {
  const request = parseArchitectureRequest(raw);
  const requirements = extractRequirements(request);
  const facts = toFacts(requirements);
  const choice = scoreStyles(facts);
  const winner = choice.ranked[0];
  const reasons = winner ? toReasons(winner) : [];
  const ctx = createDesignContext(request, facts, choice.chosen);
  const dataStores = designDataStores(ctx);
  const components = designComponents(ctx, dataStores);
  const apiStyle = designApiStyle(ctx);
  const security = designSecurity(facts);
  const deployment = designDeployment(ctx);
  const body = {
    style: { id: choice.chosen.id, name: choice.chosen.name, score: winner?.score ?? 0, reasons },
    alternatives: toAlternatives(choice),
    score_breakdown: choice.ranked,
    requirements,
    components,
    data_stores: dataStores,
    api_style: apiStyle,
    security,
    scalability: designScalability(ctx),
    deployment,
    risks: designRisks(ctx),
    adrs: designAdrs(ctx, { ranked: choice.ranked, reasons, stores: dataStores, api: apiStyle, security }),
    diagrams: {
      components: toComponentDiagram(components, dataStores),
      deployment: toDeploymentDiagram(components, dataStores, deployment),
    },
    stack_warnings: designStackWarnings(ctx),
  };
  return { ...body, markdown: toMarkdown(titleOf(request.project_description), body) };
}

function titleOf(description: string): string {
  const first = description.split(/(?<=[.!?])\s+|\n/)[0] ?? description;
  return first.length > 80 ? `${first.slice(0, 77)}…` : first.replace(/[.!?]$/, '');
}

/**
 * Creates the rule-based architecture engine behind `generate_architecture`: requirement extraction, weighted
 * style scoring, then components, data stores, API style, security, scalability, deployment, risks, ADRs,
 * Mermaid diagrams, stack warnings and a Markdown document. No model, no I/O, no clock, no randomness.
 */
export function createArchitectureEngine(): ArchitectureEngine {
  return { styles: STYLES.map((s) => ({ id: s.id, name: s.name })), generate };
}
