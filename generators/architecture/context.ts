import type { ArchitectureRequest } from '../../src/contracts/architecture.js';
import type { Facts } from './extract-requirements.js';
import type { StyleDefinition } from './styles.js';
import { cloudOf, parseStack, type NamedTechnology, type ParsedStack, type TechCategory } from './tech-catalogue.js';

/** Cloud provider the stack commits to, or null for a provider-neutral design. */
export type Cloud = 'aws' | 'azure' | 'gcp';

/** Everything the design steps read; built once per request, never mutated. */
export interface DesignContext {
  request: ArchitectureRequest;
  facts: Facts;
  stack: ParsedStack;
  cloud: Cloud | null;
  style: StyleDefinition;
}

/** Builds the context for one request. */
export function createDesignContext(request: ArchitectureRequest, facts: Facts, style: StyleDefinition): DesignContext {
  const stack = parseStack(request.tech_stack ?? []);
  return { request, facts, stack, cloud: cloudOf(stack), style };
}

/** The first technology of the stack in one of `categories` (stack order), excluding `exclude` ids. */
export function named(
  ctx: DesignContext,
  categories: readonly TechCategory[],
  exclude: readonly string[] = [],
): NamedTechnology | undefined {
  return ctx.stack.known.find((t) => categories.includes(t.category) && !exclude.includes(t.id));
}

/** True when the stack names the technology with this catalogue id. */
export function hasTech(ctx: DesignContext, id: string): boolean {
  return ctx.stack.known.some((t) => t.id === id);
}

/** Per-provider suggestions: the provider's managed service, and a neutral default. */
export interface Suggestion {
  aws?: string;
  azure?: string;
  gcp?: string;
  neutral: string;
}

/** The suggestion for the stack's cloud (or the neutral one), marked "(suggested)" so it is never mistaken for a given. */
export function suggest(ctx: DesignContext, suggestion: Suggestion): string {
  const pick = ctx.cloud === null ? suggestion.neutral : (suggestion[ctx.cloud] ?? suggestion.neutral);
  return `${pick} (suggested)`;
}

/** The named technology in `categories`, else the suggestion. */
export function techOr(
  ctx: DesignContext,
  categories: readonly TechCategory[],
  suggestion: Suggestion,
  exclude: readonly string[] = [],
): string {
  return named(ctx, categories, exclude)?.name ?? suggest(ctx, suggestion);
}

/** The backend technologies named (language, runtime, framework) joined with ` · `, or a plain "not specified". */
export function backendTech(ctx: DesignContext): string {
  const names = ctx.stack.known
    .filter((t) => ['language', 'runtime', 'backend'].includes(t.category))
    .map((t) => t.name);
  return names.length > 0 ? names.join(' · ') : 'Backend language not specified in tech_stack';
}

/** The frontend technologies named, or a plain "not specified". */
export function frontendTech(ctx: DesignContext): string {
  const names = ctx.stack.known.filter((t) => t.category === 'frontend').map((t) => t.name);
  return names.length > 0 ? names.join(' · ') : 'Frontend framework not specified in tech_stack';
}

const CLOUD_NAMES: Readonly<Record<Cloud, string>> = { aws: 'AWS', azure: 'Azure', gcp: 'Google Cloud' };

/** Readable name of the stack's cloud, or "the chosen cloud provider". */
export function cloudName(ctx: DesignContext): string {
  return ctx.cloud === null ? 'the chosen cloud provider' : CLOUD_NAMES[ctx.cloud];
}
