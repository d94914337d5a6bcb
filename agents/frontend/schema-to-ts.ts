import { pascalCase, quote, toPropertyKey } from '../shared/naming.js';

/** A JSON object node of an OpenAPI document (a schema, a parameter, ...). */
export type SchemaRecord = Record<string, unknown>;

const PRIMITIVES: Readonly<Record<string, string>> = {
  string: 'string',
  integer: 'number',
  number: 'number',
  boolean: 'boolean',
  null: 'null',
};

function isRecord(value: unknown): value is SchemaRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectType(schema: SchemaRecord, indent: string): string {
  const properties = isRecord(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'] : []);
  const entries = Object.entries(properties);
  if (entries.length === 0) return 'Record<string, unknown>';
  const inner = `${indent}  `;
  const lines = entries.map(([name, property]) => {
    const optional = required.has(name) ? '' : '?';
    return `${inner}${toPropertyKey(name)}${optional}: ${isRecord(property) ? schemaToTs(property, inner) : 'unknown'};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function typeOf(schema: SchemaRecord, type: unknown, indent: string): string {
  if (type === 'array') {
    const item = isRecord(schema['items']) ? schemaToTs(schema['items'], indent) : 'unknown';
    return /^[A-Za-z0-9_]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
  }
  if (type === 'object') return objectType(schema, indent);
  return typeof type === 'string' ? (PRIMITIVES[type] ?? 'unknown') : 'unknown';
}

function union(members: readonly string[]): string {
  const unique = [...new Set(members)];
  return unique.length === 0 ? 'unknown' : unique.join(' | ');
}

/**
 * The TypeScript type of a JSON Schema (OpenAPI 3.1 dialect): `$ref` to a component schema → its name,
 * `enum` → literal union, `type` arrays (`["string", "null"]`) → unions, `oneOf`/`anyOf` → unions,
 * `allOf` → intersections, objects → inline object types; anything else → `unknown`.
 */
export function schemaToTs(schema: SchemaRecord, indent = ''): string {
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
    return match?.[1] === undefined ? 'unknown' : pascalCase(match[1]);
  }
  const literals = schema['enum'];
  if (Array.isArray(literals))
    return union(literals.map((value) => (typeof value === 'string' ? quote(value) : JSON.stringify(value))));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) return union(options.filter(isRecord).map((option) => schemaToTs(option, indent)));
  }
  const parts = schema['allOf'];
  if (Array.isArray(parts))
    return (
      parts
        .filter(isRecord)
        .map((part) => schemaToTs(part, indent))
        .join(' & ') || 'unknown'
    );
  const type = schema['type'];
  if (Array.isArray(type)) return union(type.map((member) => typeOf(schema, member, indent)));
  if (type === undefined && isRecord(schema['properties'])) return objectType(schema, indent);
  return typeOf(schema, type, indent);
}

/** A named declaration: `export interface X {...}` for object schemas, `export type X = ...;` otherwise. */
export function renderDeclaration(name: string, schema: SchemaRecord): string {
  const type = schemaToTs(schema);
  const isObject = type.startsWith('{\n');
  const description =
    typeof schema['description'] === 'string'
      ? `/** ${schema['description'].replace(/\*\//g, '* /')} */\n`
      : `/** Schema ${name} of the API contract. */\n`;
  return isObject ? `${description}export interface ${name} ${type}` : `${description}export type ${name} = ${type};`;
}
