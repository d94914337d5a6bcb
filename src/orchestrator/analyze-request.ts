import type { Entity, RequestAnalysis } from '../contracts/plan.js';
import { extractEntities } from './entities.js';
import {
  BACKEND_STACK,
  CLOUD_STACK,
  CONCEPT_PATTERNS,
  DATABASE_STACK,
  FEATURE_PATTERNS,
  FRONTEND_STACK,
  GITLAB_CI,
  JAVASCRIPT,
  NO_TYPESCRIPT,
  TYPESCRIPT,
  firstMatch,
  type Concept,
} from './keywords.js';
import { normalizeForMatch } from './safety-rules.js';

/** Which broad concerns the request touches (see `CONCEPT_PATTERNS` for the words behind each). */
export type RequestConcepts = Readonly<Record<Concept, boolean>>;

/** The analysis plus what the planner needs to choose agents. */
export interface RequestReading {
  analysis: RequestAnalysis;
  concepts: RequestConcepts;
  /** False when no concept, entity or product was recognised (any language); the planner then uses its default. */
  recognised: boolean;
  /** True when the request implies stored data (an API, a database, "manage X"), so at least one entity exists. */
  impliesData: boolean;
}

/** The entity used when the request implies data but names none (e.g. a request in a language without tables). */
export const DEFAULT_ENTITY_NAME = 'Item';
/** The field given to an entity whose fields the request does not name, so every entity has a usable shape. */
export const DEFAULT_FIELD: Entity['fields'][number] = { name: 'name', type: 'string' };

/** Detects the concepts of {@link CONCEPT_PATTERNS} in normalized text. */
export function detectConcepts(normalized: string): RequestConcepts {
  const entries = Object.entries(CONCEPT_PATTERNS).map(
    ([concept, pattern]) => [concept, pattern.test(normalized)] as const,
  );
  return Object.fromEntries(entries) as Record<Concept, boolean>;
}

function detectFeatures(normalized: string, hasNamedEntities: boolean): string[] {
  const features = FEATURE_PATTERNS.filter(([, pattern]) => pattern.test(normalized)).map(([id]) => id);
  const implied = new Set(features);
  if (hasNamedEntities) implied.add('crud');
  if (implied.has('kubernetes') || implied.has('compose')) implied.add('containers');
  return FEATURE_PATTERNS.map(([id]) => id).filter((id) => implied.has(id));
}

function detectStack(normalized: string): RequestAnalysis['stack'] {
  const javascript = JAVASCRIPT.test(normalized) && (!TYPESCRIPT.test(normalized) || NO_TYPESCRIPT.test(normalized));
  return {
    frontend: firstMatch(FRONTEND_STACK, normalized),
    backend: firstMatch(BACKEND_STACK, normalized),
    database: firstMatch(DATABASE_STACK, normalized),
    language: javascript ? 'javascript' : 'typescript',
  };
}

function detectDeployment(normalized: string, features: readonly string[]): RequestAnalysis['deployment'] {
  const has = (id: string): boolean => features.includes(id);
  const ci = has('ci') ? (GITLAB_CI.test(normalized) ? 'gitlab-ci' : 'github-actions') : null;
  const orchestration = has('kubernetes') ? 'kubernetes' : has('compose') ? 'compose' : null;
  return { container: has('containers'), ci, orchestration, cloud: firstMatch(CLOUD_STACK, normalized) };
}

function withDefaults(entities: Entity[], impliesData: boolean): Entity[] {
  const filled = entities.map((e) => (e.fields.length > 0 ? e : { name: e.name, fields: [{ ...DEFAULT_FIELD }] }));
  if (filled.length === 0 && impliesData) return [{ name: DEFAULT_ENTITY_NAME, fields: [{ ...DEFAULT_FIELD }] }];
  return filled;
}

function toSummary(analysis: Omit<RequestAnalysis, 'summary'>, recognised: boolean): string {
  const entities = analysis.entities.map((e) => `${e.name}(${e.fields.map((f) => `${f.name}: ${f.type}`).join(', ')})`);
  const { stack, deployment } = analysis;
  const products = [stack.frontend, stack.backend, stack.database].filter((p): p is string => p !== null);
  const deploy = [deployment.container ? 'container' : null, deployment.ci, deployment.orchestration, deployment.cloud];
  const parts = [
    `entities: ${entities.join('; ') || 'none'}`,
    `features: ${analysis.features.join(', ') || 'none'}`,
    `stack: ${[...products, stack.language].join(', ')}`,
    `deployment: ${deploy.filter((d): d is string => d !== null && d !== undefined).join(', ') || 'none'}`,
  ];
  const prefix = recognised ? 'Understood' : 'Recognised no known concept; assumed a backend service';
  return `${prefix} — ${parts.join('; ')}.`;
}

/**
 * Reads a (safety-filtered) request deterministically: entities with typed fields, feature ids, stack, deployment,
 * and the concepts the planner chooses agents from. Works on any language; the keyword tables cover EN/ES/FR/DE/PT
 * (and common Japanese terms), and product names are recognised everywhere.
 */
export function readRequest(text: string): RequestReading {
  const normalized = normalizeForMatch(text);
  const concepts = detectConcepts(normalized);
  const named = extractEntities(normalized);
  const stack = detectStack(normalized);
  const anyConcept = Object.values(concepts).some(Boolean);
  const anyProduct = stack.frontend !== null || stack.backend !== null || stack.database !== null;
  const recognised = anyConcept || anyProduct || named.length > 0;
  const impliesData = concepts.api || concepts.data || named.length > 0 || !recognised;
  const features = detectFeatures(normalized, named.length > 0);
  const partial = {
    entities: withDefaults(named, impliesData),
    features,
    stack,
    deployment: detectDeployment(normalized, features),
  };
  return { analysis: { summary: toSummary(partial, recognised), ...partial }, concepts, recognised, impliesData };
}

/** {@link readRequest} reduced to the contract's {@link RequestAnalysis}. */
export function analyzeRequest(text: string): RequestAnalysis {
  return readRequest(text).analysis;
}
