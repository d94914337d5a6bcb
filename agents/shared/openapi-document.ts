import type { EntityField, EntityModel } from './entities.js';
import { META_FIELDS } from './entities.js';

/** A JSON value as it appears in an OpenAPI document. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object node of an OpenAPI document. */
export type JsonObject = { [key: string]: JsonValue };

/** What the OpenAPI document is built from. */
export interface OpenApiInput {
  title: string;
  description: string;
  entities: readonly EntityModel[];
  /** Adds a bearer security scheme, global security and 401 responses. */
  auth: boolean;
  port: number;
  healthPath: string;
}

/** Default and maximum page size of list operations (`limit` query parameter). */
export const PAGE_LIMIT = { default: 20, max: 100 } as const;

const ref = (kind: 'schemas' | 'responses' | 'parameters', name: string): JsonObject => ({
  $ref: `#/components/${kind}/${name}`,
});
const jsonContent = (schema: JsonObject): JsonObject => ({ 'application/json': { schema } });

/** The JSON Schema of one field (`date` → `string` with `format: date-time`). */
export function toFieldSchema(field: EntityField): JsonObject {
  if (field.type === 'date') return { type: 'string', format: 'date-time' };
  return { type: field.type };
}

function fieldProperties(entity: EntityModel): JsonObject {
  return Object.fromEntries(entity.fields.map((field) => [field.name, toFieldSchema(field)]));
}

/** `components.schemas` entries of one entity: the stored shape, its create/update inputs and its page. */
function entitySchemas(entity: EntityModel): JsonObject {
  const names = entity.fields.map((field) => field.name);
  return {
    [entity.types.entity]: {
      type: 'object',
      additionalProperties: false,
      required: [...META_FIELDS, ...names],
      properties: {
        id: { type: 'string', readOnly: true },
        ...fieldProperties(entity),
        createdAt: { type: 'string', format: 'date-time', readOnly: true },
        updatedAt: { type: 'string', format: 'date-time', readOnly: true },
      },
    },
    [entity.types.create]: {
      type: 'object',
      additionalProperties: false,
      required: names,
      properties: fieldProperties(entity),
    },
    [entity.types.update]: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: fieldProperties(entity),
    },
    [entity.types.page]: {
      type: 'object',
      additionalProperties: false,
      required: ['items', 'nextCursor'],
      properties: {
        items: { type: 'array', items: ref('schemas', entity.types.entity) },
        nextCursor: { type: ['string', 'null'] },
      },
    },
  };
}

function errorResponses(auth: boolean, codes: readonly string[]): JsonObject {
  const byCode: Record<string, string> = { '400': 'BadRequest', '404': 'NotFound', '500': 'InternalError' };
  const result: JsonObject = {};
  for (const code of [...codes, ...(auth ? ['401'] : []), '500'].sort()) {
    result[code] = ref('responses', code === '401' ? 'Unauthorized' : (byCode[code] ?? 'InternalError'));
  }
  return result;
}

function operation(entity: EntityModel, id: string, summary: string, extra: JsonObject): JsonObject {
  return { operationId: id, summary, tags: [entity.pluralCamel], ...extra };
}

/** `paths` entries for the CRUD operations of one entity. */
function entityPaths(entity: EntityModel, auth: boolean): JsonObject {
  const label = entity.name;
  const ok = (schema: string, description: string): JsonObject => ({
    description,
    content: jsonContent(ref('schemas', schema)),
  });
  const body = (schema: string): JsonObject => ({ required: true, content: jsonContent(ref('schemas', schema)) });
  return {
    [entity.collectionPath]: {
      get: operation(entity, entity.ops.list, `List ${entity.plural}, one page at a time`, {
        parameters: [ref('parameters', 'Limit'), ref('parameters', 'Cursor')],
        responses: { '200': ok(entity.types.page, `A page of ${entity.plural}`), ...errorResponses(auth, ['400']) },
      }),
      post: operation(entity, entity.ops.create, `Create a ${label}`, {
        requestBody: body(entity.types.create),
        responses: { '201': ok(entity.types.entity, `The created ${label}`), ...errorResponses(auth, ['400']) },
      }),
    },
    [`${entity.collectionPath}/{id}`]: {
      parameters: [ref('parameters', 'Id')],
      get: operation(entity, entity.ops.get, `Get one ${label}`, {
        responses: { '200': ok(entity.types.entity, `The ${label}`), ...errorResponses(auth, ['404']) },
      }),
      patch: operation(entity, entity.ops.update, `Update some fields of a ${label}`, {
        requestBody: body(entity.types.update),
        responses: { '200': ok(entity.types.entity, `The updated ${label}`), ...errorResponses(auth, ['400', '404']) },
      }),
      delete: operation(entity, entity.ops.delete, `Delete a ${label}`, {
        responses: { '204': { description: `The ${label} was deleted` }, ...errorResponses(auth, ['404']) },
      }),
    },
  };
}

function sharedComponents(auth: boolean): { parameters: JsonObject; responses: JsonObject; schemas: JsonObject } {
  const error = (description: string): JsonObject => ({
    description,
    content: jsonContent(ref('schemas', 'ApiError')),
  });
  const responses: JsonObject = {
    BadRequest: error('The request was invalid'),
    NotFound: error('No resource has this id'),
    InternalError: error('The server failed to handle the request'),
  };
  if (auth) responses['Unauthorized'] = error('A valid bearer token is required');
  return {
    parameters: {
      Limit: {
        name: 'limit',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: PAGE_LIMIT.max, default: PAGE_LIMIT.default },
      },
      Cursor: { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
      Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    },
    responses,
    schemas: {
      ApiError: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string' },
          message: { type: 'string' },
          details: { type: 'array', items: { type: 'string' } },
        },
      },
      Health: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
    },
  };
}

/** Builds the OpenAPI 3.1.0 document (as a plain object) for CRUD over every entity, plus a health route. */
export function buildOpenApiDocument(input: OpenApiInput): JsonObject {
  const shared = sharedComponents(input.auth);
  const paths: JsonObject = {
    [input.healthPath]: {
      get: {
        operationId: 'getHealth',
        summary: 'Liveness and readiness probe',
        tags: ['health'],
        ...(input.auth ? { security: [] } : {}),
        responses: { '200': { description: 'The service is up', content: jsonContent(ref('schemas', 'Health')) } },
      },
    },
  };
  const schemas: JsonObject = { ...shared.schemas };
  for (const entity of input.entities) {
    Object.assign(paths, entityPaths(entity, input.auth));
    Object.assign(schemas, entitySchemas(entity));
  }
  const components: JsonObject = { schemas, parameters: shared.parameters, responses: shared.responses };
  if (input.auth)
    components['securitySchemes'] = { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } };
  return {
    openapi: '3.1.0',
    info: { title: input.title, version: '1.0.0', description: input.description },
    servers: [{ url: `http://localhost:${input.port}` }],
    tags: [{ name: 'health' }, ...input.entities.map((entity) => ({ name: entity.pluralCamel }))],
    ...(input.auth ? { security: [{ bearerAuth: [] }] } : {}),
    paths,
    components,
  };
}
