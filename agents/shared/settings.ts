import type { RequestAnalysis, SubTask } from '../../src/contracts/plan.js';
import { kebabCase } from './naming.js';
import type { EntityModel } from './entities.js';

/** Runtime settings shared by the backend (server port, health route) and devops (image, probes, ports). */
export interface RuntimeSettings {
  /** TCP port the service listens on: `port 8080` in the request, else 3000. */
  port: number;
  /** Node.js major version for images and CI: `node 20` / `node.js v22` in the request, else 22. */
  nodeMajor: number;
  /** kebab-case service name: `<first entity plural>-api`, or `app` when there is no entity. */
  serviceName: string;
  /** Path of the liveness/readiness route the backend serves. */
  healthPath: string;
}

const DEFAULT_PORT = 3000;
const DEFAULT_NODE_MAJOR = 22;
const SUPPORTED_NODE_MAJORS = new Set([18, 20, 22, 24]);

/** Derives {@link RuntimeSettings} from the request text and the resolved entities; pure. */
export function deriveRuntimeSettings(request: string, entities: readonly EntityModel[]): RuntimeSettings {
  const portMatch = /\bport\s*[:=]?\s*(\d{2,5})\b/i.exec(request);
  const port = portMatch?.[1] === undefined ? DEFAULT_PORT : Number(portMatch[1]);
  const nodeMatch = /\bnode(?:\.?js)?\s*(?:version\s*)?v?(\d{2})\b/i.exec(request);
  const nodeMajor = nodeMatch?.[1] === undefined ? DEFAULT_NODE_MAJOR : Number(nodeMatch[1]);
  const first = entities[0];
  return {
    port: port >= 1 && port <= 65_535 ? port : DEFAULT_PORT,
    nodeMajor: SUPPORTED_NODE_MAJORS.has(nodeMajor) ? nodeMajor : DEFAULT_NODE_MAJOR,
    serviceName: first === undefined ? 'app' : `${kebabCase(first.plural)}-api`,
    healthPath: '/health',
  };
}

/** True when the analysis lists `feature` (ids such as `auth`, `styling`, `kubernetes`). */
export function hasFeature(analysis: RequestAnalysis, feature: string): boolean {
  return analysis.features.includes(feature);
}

/** True when the request text mentions `word` as a whole word, case-insensitively. */
export function mentions(text: string, word: string): boolean {
  return new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text);
}

/**
 * Picks which part of an agent's work a sub-task asks for, from its id, then its title (hints only).
 * Each scope has patterns; the first source (id, then title) that matches at least one scope decides.
 *
 * @returns the matched scope names, or `undefined` when no hint matches (the agent then does all its work).
 */
export function matchScopes<S extends string>(
  subtask: SubTask,
  scopes: Readonly<Record<S, RegExp>>,
): Set<S> | undefined {
  for (const source of [subtask.id, subtask.title]) {
    const matched = new Set<S>();
    for (const [scope, pattern] of Object.entries(scopes) as Array<[S, RegExp]>) {
      if (pattern.test(source)) matched.add(scope);
    }
    if (matched.size > 0) return matched;
  }
  return undefined;
}
