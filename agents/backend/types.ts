import type { Artifact } from '../../src/contracts/artifact.js';
import { toTsType, type EntityModel } from '../shared/entities.js';
import { toPropertyKey } from '../shared/naming.js';
import { API_PATHS } from '../shared/paths.js';

function fieldLines(entity: EntityModel, optional: boolean): string[] {
  return entity.fields.map((field) => `  ${toPropertyKey(field.name)}${optional ? '?' : ''}: ${toTsType(field.type)};`);
}

function entityTypes(entity: EntityModel): string {
  const t = entity.types;
  return [
    `/** A ${entity.name} as stored and returned by the API (schema ${t.entity}). */`,
    `export interface ${t.entity} extends EntityMeta {`,
    ...fieldLines(entity, false),
    '}',
    '',
    `/** Body of ${entity.ops.create} (schema ${t.create}); every field is required. */`,
    `export interface ${t.create} {`,
    ...fieldLines(entity, false),
    '}',
    '',
    `/** Body of ${entity.ops.update} (schema ${t.update}); at least one field. */`,
    `export interface ${t.update} {`,
    ...fieldLines(entity, true),
    '}',
    '',
    `/** One page of ${entity.plural} (schema ${t.page}); \`nextCursor\` is null on the last page. */`,
    `export interface ${t.page} {`,
    `  items: ${t.entity}[];`,
    '  nextCursor: string | null;',
    '}',
  ].join('\n');
}

const SHARED_TYPES = `/**
 * API types, one per schema of api/openapi.yaml (OpenAPI 3.1.0). Dates travel as ISO 8601 strings.
 */

/** Fields the server sets on every stored resource. */
export interface EntityMeta {
  id: string;
  /** ISO 8601 date-time. */
  createdAt: string;
  /** ISO 8601 date-time. */
  updatedAt: string;
}

/** Error body of every 4xx/5xx response (schema ApiError). */
export interface ApiError {
  code: string;
  message: string;
  details?: string[];
}

/** Body of the health route (schema Health). */
export interface Health {
  status: 'ok';
}

/** A request as the handlers see it, independent of any HTTP framework. */
export interface ApiRequest {
  method: string;
  path: string;
  /** Path parameters, e.g. \`{ id }\`. */
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string | undefined>>;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The parsed JSON body, or undefined when there is none. */
  body: unknown;
}

/** A handler's answer: a typed body on success, an ApiError otherwise. */
export type ApiResponse<T> = { ok: true; status: number; body: T } | { ok: false; status: number; body: ApiError };

/** A route handler for one operation. */
export type Handler<T> = (req: ApiRequest) => Promise<ApiResponse<T>>;`;

/** Renders `src/api/types.ts`: one interface per schema of the contract, plus the request/response types. */
export function renderTypes(entities: readonly EntityModel[]): Artifact {
  const content = [SHARED_TYPES, ...entities.map(entityTypes)].join('\n\n') + '\n';
  return { path: API_PATHS.types, language: 'typescript', kind: 'source', content };
}
