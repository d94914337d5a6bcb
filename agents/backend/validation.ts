import type { EntityField, EntityModel, FieldType } from '../shared/entities.js';
import { PAGE_LIMIT } from '../shared/openapi-document.js';
import { quote, toLocalName, toPropertyAccess, toPropertyKey } from '../shared/naming.js';

/**
 * The validation part of `src/api/handlers.ts`, written out in plain TypeScript: one reader per field type
 * (emitted only for the types in use), a create and an update parser per entity, and the paging parser.
 */

const READER_NAMES: Record<FieldType, string> = {
  string: 'readString',
  number: 'readNumber',
  boolean: 'readBoolean',
  date: 'readDate',
};

const READER_CHECKS: Record<FieldType, { test: string; expected: string }> = {
  string: { test: "typeof value === 'string'", expected: 'a string' },
  number: { test: "typeof value === 'number' && Number.isFinite(value)", expected: 'a finite number' },
  boolean: { test: "typeof value === 'boolean'", expected: 'a boolean' },
  date: {
    test: "typeof value === 'string' && !Number.isNaN(Date.parse(value))",
    expected: 'an ISO 8601 date-time string',
  },
};

const VALUE_TYPES: Record<FieldType, string> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  date: 'string',
};

function renderReader(type: FieldType): string {
  const check = READER_CHECKS[type];
  return [
    `function ${READER_NAMES[type]}(body: Record<string, unknown>, key: string, required: boolean, errors: string[]): ${VALUE_TYPES[type]} | undefined {`,
    '  const value = body[key];',
    '  if (value === undefined) {',
    "    if (required) errors.push(key + ' is required');",
    '    return undefined;',
    '  }',
    `  if (${check.test}) return value;`,
    `  errors.push(key + ' must be ${check.expected}');`,
    '  return undefined;',
    '}',
  ].join('\n');
}

const COMMON_HELPERS = `type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknownKeys(body: Record<string, unknown>, allowed: readonly string[], errors: string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) errors.push(key + ' is not a known property');
  }
}

/** Reads \`limit\` (1..${PAGE_LIMIT.max}, default ${PAGE_LIMIT.default}) and \`cursor\` from the query string. */
function parsePaging(query: ApiRequest['query']): Parsed<{ limit: number; cursor: string | undefined }> {
  const rawLimit = query['limit'];
  const limit = rawLimit === undefined ? ${PAGE_LIMIT.default} : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > ${PAGE_LIMIT.max}) {
    return { ok: false, errors: ['limit must be an integer from 1 to ${PAGE_LIMIT.max}'] };
  }
  const cursor = query['cursor'];
  return { ok: true, value: { limit, cursor: cursor === '' ? undefined : cursor } };
}`;

/** Helpers shared by every parser, plus one reader per field type used by `entities`. */
export function renderValidationHelpers(entities: readonly EntityModel[]): string {
  const used = new Set(entities.flatMap((entity) => entity.fields.map((field) => field.type)));
  const order: FieldType[] = ['string', 'number', 'boolean', 'date'];
  return [COMMON_HELPERS, ...order.filter((type) => used.has(type)).map(renderReader)].join('\n\n');
}

function readLine(field: EntityField, required: boolean): string {
  return `  const ${toLocalName(field.name)} = ${READER_NAMES[field.type]}(body, ${quote(field.name)}, ${String(required)}, errors);`;
}

/** `TaskItem` → `TASK_ITEM_FIELDS`. */
function fieldsConstant(entity: EntityModel): string {
  return `${entity.kebab.replace(/-/g, '_').toUpperCase()}_FIELDS`;
}

/** The create and update parsers of one entity, and the list of its writable fields. */
export function renderParsers(entity: EntityModel): string {
  const t = entity.types;
  const fieldsName = fieldsConstant(entity);
  const locals = entity.fields.map((field) => toLocalName(field.name));
  const missing = locals.map((local) => ` || ${local} === undefined`).join('');
  const assignments = entity.fields.map((field) => {
    const local = toLocalName(field.name);
    return `  if (${local} !== undefined) ${toPropertyAccess('value', field.name)} = ${local};`;
  });
  const literal = entity.fields
    .map((field) =>
      toPropertyKey(field.name) === toLocalName(field.name)
        ? field.name
        : `${toPropertyKey(field.name)}: ${toLocalName(field.name)}`,
    )
    .join(', ');
  return [
    `const ${fieldsName}: readonly string[] = [${entity.fields.map((field) => quote(field.name)).join(', ')}];`,
    '',
    `function parse${t.create}(body: unknown): Parsed<${t.create}> {`,
    "  if (!isRecord(body)) return { ok: false, errors: ['body must be a JSON object'] };",
    '  const errors: string[] = [];',
    `  rejectUnknownKeys(body, ${fieldsName}, errors);`,
    ...entity.fields.map((field) => readLine(field, true)),
    `  if (errors.length > 0${missing}) return { ok: false, errors };`,
    `  return { ok: true, value: { ${literal} } };`,
    '}',
    '',
    `function parse${t.update}(body: unknown): Parsed<${t.update}> {`,
    "  if (!isRecord(body)) return { ok: false, errors: ['body must be a JSON object'] };",
    '  const errors: string[] = [];',
    `  rejectUnknownKeys(body, ${fieldsName}, errors);`,
    ...entity.fields.map((field) => readLine(field, false)),
    '  if (errors.length > 0) return { ok: false, errors };',
    `  const value: ${t.update} = {};`,
    ...assignments,
    "  if (Object.keys(value).length === 0) return { ok: false, errors: ['at least one property is required'] };",
    '  return { ok: true, value };',
    '}',
  ].join('\n');
}
