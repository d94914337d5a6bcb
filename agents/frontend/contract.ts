import { parse } from 'yaml';
import { InvalidInputError } from '../../src/core/errors.js';
import type { FieldType } from '../shared/entities.js';
import { camelCase, pascalCase, toLocalName, toPropertyKey } from '../shared/naming.js';
import { schemaToTs, type SchemaRecord } from './schema-to-ts.js';

/** One operation of the contract as the typed client needs it. */
export interface ClientOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  /** Path parameter names in order, and the local variable names the client uses for them. */
  pathParams: ReadonlyArray<{ name: string; local: string }>;
  /** Query parameters: name, TypeScript type. */
  query: ReadonlyArray<{ name: string; type: string }>;
  /** TypeScript type of the JSON request body, if any. */
  bodyType: string | undefined;
  /** TypeScript type of the JSON success body; `void` when the success response has no content. */
  responseType: string;
}

/** A contract reduced to what the client generator needs. */
export interface ClientContract {
  /** Named schemas (`components.schemas`), sanitized to PascalCase type names. */
  schemas: ReadonlyMap<string, SchemaRecord>;
  operations: readonly ClientOperation[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function isRecord(value: unknown): value is SchemaRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): SchemaRecord {
  return isRecord(value) ? value : {};
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** Follows a local `$ref` (`#/components/<kind>/<name>`) once; other values are returned as they are. */
function resolve(root: SchemaRecord, value: unknown): SchemaRecord {
  const node = asRecord(value);
  const ref = node['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let current: unknown = root;
  for (const part of ref.slice(2).split('/')) current = asRecord(current)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return asRecord(current);
}

function jsonSchemaOf(root: SchemaRecord, holder: unknown): SchemaRecord | undefined {
  const content = asRecord(resolve(root, holder)['content']);
  const json = content['application/json'];
  return isRecord(json) && isRecord(json['schema']) ? json['schema'] : undefined;
}

function responseType(root: SchemaRecord, responses: SchemaRecord): string {
  const codes = Object.keys(responses)
    .filter((code) => /^2\d\d$/.test(code))
    .sort();
  const first = codes[0];
  if (first === undefined) return 'unknown';
  const schema = jsonSchemaOf(root, responses[first]);
  return schema === undefined ? 'void' : schemaToTs(schema);
}

function toOperation(root: SchemaRecord, path: string, method: string, item: SchemaRecord): ClientOperation {
  const op = asRecord(item[method]);
  const parameters = [...asList(item['parameters']), ...asList(op['parameters'])].map((parameter) =>
    resolve(root, parameter),
  );
  const named = (where: string): SchemaRecord[] =>
    parameters.filter((p) => p['in'] === where && typeof p['name'] === 'string');
  const rawId = typeof op['operationId'] === 'string' ? op['operationId'] : `${method} ${path.replace(/[{}]/g, '')}`;
  const body = op['requestBody'] === undefined ? undefined : jsonSchemaOf(root, op['requestBody']);
  return {
    id: camelCase(rawId),
    method: method.toUpperCase(),
    path,
    summary: typeof op['summary'] === 'string' ? op['summary'] : `${method.toUpperCase()} ${path}`,
    pathParams: named('path').map((p) => ({
      name: String(p['name']),
      local: toLocalName(camelCase(String(p['name']))),
    })),
    query: named('query').map((p) => ({
      name: String(p['name']),
      type: isRecord(p['schema']) ? schemaToTs(p['schema']) : 'string',
    })),
    bodyType: body === undefined ? undefined : schemaToTs(body),
    responseType: responseType(root, asRecord(op['responses'])),
  };
}

/**
 * Reads an OpenAPI 3.x YAML/JSON document into a {@link ClientContract}: operations sorted by path then
 * method, `$ref`s to components followed for parameters, request bodies and responses.
 *
 * @throws InvalidInputError when the text is not YAML or has no `openapi` version and `paths` object.
 */
export function parseContract(text: string): ClientContract {
  let root: unknown;
  try {
    root = parse(text);
  } catch (error) {
    throw new InvalidInputError('The API contract is not valid YAML.', { cause: error, hint: 'Fix api/openapi.yaml.' });
  }
  return toContract(root);
}

/**
 * Reduces a parsed OpenAPI document to a {@link ClientContract}.
 *
 * @throws InvalidInputError when the document has no `openapi` version and `paths` object.
 */
export function toContract(root: unknown): ClientContract {
  if (!isRecord(root) || typeof root['openapi'] !== 'string' || !isRecord(root['paths'])) {
    throw new InvalidInputError('The API contract has no openapi version or paths.', {
      hint: 'Provide an OpenAPI 3.x document.',
    });
  }
  const schemas = new Map<string, SchemaRecord>();
  for (const [name, schema] of Object.entries(asRecord(asRecord(root['components'])['schemas']))) {
    if (isRecord(schema)) schemas.set(pascalCase(name), schema);
  }
  const operations: ClientOperation[] = [];
  for (const path of Object.keys(root['paths']).sort()) {
    const item = asRecord(root['paths'][path]);
    for (const method of METHODS) if (isRecord(item[method])) operations.push(toOperation(root, path, method, item));
  }
  return { schemas, operations };
}

/** A writable field of a resource as forms and lists need it. */
export interface ContractField {
  name: string;
  key: string;
  type: FieldType;
  required: boolean;
}

/** The fields of an object schema whose types a form can edit; `undefined` when a required field cannot be edited. */
export function toFormFields(schema: SchemaRecord): ContractField[] | undefined {
  const required = new Set(
    Array.isArray(schema['required']) ? schema['required'].filter((name) => typeof name === 'string') : [],
  );
  const fields: ContractField[] = [];
  for (const [name, property] of Object.entries(asRecord(schema['properties']))) {
    const type = toFieldType(asRecord(property));
    if (type === undefined) {
      if (required.has(name)) return undefined;
      continue;
    }
    fields.push({ name, key: toPropertyKey(name), type, required: required.has(name) });
  }
  return fields;
}

function toFieldType(property: SchemaRecord): FieldType | undefined {
  const type = property['type'];
  if (type === 'string') return property['format'] === 'date-time' ? 'date' : 'string';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'boolean') return 'boolean';
  return undefined;
}
