import type { Artifact } from '../../src/contracts/artifact.js';
import type { EntityModel } from '../shared/entities.js';
import { quote } from '../shared/naming.js';
import { API_PATHS } from '../shared/paths.js';
import { REPOSITORY_SOURCE, renderRepositoryFactory } from './repository.js';
import { renderParsers, renderValidationHelpers } from './validation.js';

const RESPONSE_HELPERS = `function success<T>(status: number, body: T): ApiResponse<T> {
  return { ok: true, status, body };
}

function failure(status: number, code: string, message: string, details?: string[]): ApiResponse<never> {
  const body: ApiError = details === undefined ? { code, message } : { code, message, details };
  return { ok: false, status, body };
}

function notFound(resource: string, id: string): ApiResponse<never> {
  return failure(404, 'not_found', resource + ' ' + JSON.stringify(id) + ' does not exist.');
}

function invalidBody(errors: string[]): ApiResponse<never> {
  return failure(400, 'invalid_body', 'The request body is invalid.', errors);
}`;

function renderEntityHandlers(entity: EntityModel): string {
  const { ops, types: t, name } = entity;
  const label = quote(name);
  return `/** Route handlers of the ${name} operations (see api/openapi.yaml). */
export interface ${name}Handlers {
  ${ops.list}: Handler<${t.page}>;
  ${ops.get}: Handler<${t.entity}>;
  ${ops.create}: Handler<${t.entity}>;
  ${ops.update}: Handler<${t.entity}>;
  ${ops.delete}: Handler<null>;
}

/** Builds the ${name} handlers over \`repository\`; each validates its input and never throws for bad input. */
export function create${name}Handlers(repository: Repository<${t.entity}, ${t.create}, ${t.update}>): ${name}Handlers {
  return {
    ${ops.list}: async (req) => {
      const paging = parsePaging(req.query);
      if (!paging.ok) return failure(400, 'invalid_query', 'The query string is invalid.', paging.errors);
      return success(200, await repository.list(paging.value.limit, paging.value.cursor));
    },
    ${ops.get}: async (req) => {
      const id = req.params['id'] ?? '';
      const item = await repository.get(id);
      return item === undefined ? notFound(${label}, id) : success(200, item);
    },
    ${ops.create}: async (req) => {
      const input = parse${t.create}(req.body);
      if (!input.ok) return invalidBody(input.errors);
      return success(201, await repository.create(input.value));
    },
    ${ops.update}: async (req) => {
      const id = req.params['id'] ?? '';
      const patch = parse${t.update}(req.body);
      if (!patch.ok) return invalidBody(patch.errors);
      const item = await repository.update(id, patch.value);
      return item === undefined ? notFound(${label}, id) : success(200, item);
    },
    ${ops.delete}: async (req) => {
      const id = req.params['id'] ?? '';
      const removed = await repository.remove(id);
      return removed ? success(204, null) : notFound(${label}, id);
    },
  };
}`;
}

function renderApi(entities: readonly EntityModel[]): string {
  const members = entities.map((entity) => `  ${entity.pluralCamel}: ${entity.name}Handlers;`);
  const values = entities.map(
    (entity) => `    ${entity.pluralCamel}: create${entity.name}Handlers(createInMemory${entity.name}Repository()),`,
  );
  return [
    '/** Every handler of the API, grouped by resource. */',
    'export interface Api {',
    '  health: { getHealth: Handler<Health> };',
    ...members,
    '}',
    '',
    '/** The API over in-memory repositories (data lives as long as the process). */',
    'export function createApi(): Api {',
    '  return {',
    "    health: { getHealth: () => Promise.resolve(success<Health>(200, { status: 'ok' })) },",
    ...values,
    '  };',
    '}',
  ].join('\n');
}

function renderImports(entities: readonly EntityModel[]): string {
  const names = new Set(['ApiError', 'ApiRequest', 'ApiResponse', 'EntityMeta', 'Handler', 'Health']);
  for (const entity of entities) for (const type of Object.values(entity.types)) names.add(type);
  return [
    `import type { ${[...names].sort().join(', ')} } from './types.js';`,
    '',
    "export type { ApiRequest, ApiResponse } from './types.js';",
  ].join('\n');
}

/**
 * Renders `src/api/handlers.ts`: framework-agnostic typed handlers per operation
 * (`(req: ApiRequest) => Promise<ApiResponse<T>>`), plain-TypeScript validation, the repository interface
 * with its in-memory implementation, and `createApi()`.
 */
export function renderHandlers(entities: readonly EntityModel[]): Artifact {
  const parts = [
    '/** Route handlers for api/openapi.yaml: validation, an in-memory repository, one handler per operation. */',
    renderImports(entities),
    RESPONSE_HELPERS,
    renderValidationHelpers(entities),
    ...entities.map(renderParsers),
    REPOSITORY_SOURCE,
    ...entities.map(renderRepositoryFactory),
    ...entities.map(renderEntityHandlers),
    renderApi(entities),
  ];
  return { path: API_PATHS.handlers, language: 'typescript', kind: 'source', content: parts.join('\n\n') + '\n' };
}
