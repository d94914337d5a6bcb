import type { Entity, RequestAnalysis } from '../../src/contracts/plan.js';
import { camelCase, kebabCase, pluralize, quote } from './naming.js';

/** A field type as the planner reports it (`date` is an ISO 8601 date-time string on the wire). */
export type FieldType = Entity['fields'][number]['type'];

/** One field of an entity, with the local variable name generated code uses for it. */
export interface EntityField {
  name: string;
  type: FieldType;
}

/**
 * An entity with every name the generated artifacts derive from it, so all agents agree:
 * `Task` → type `Task`, inputs `TaskCreate`/`TaskUpdate`, page `TaskPage`, path `/tasks`,
 * operations `listTasks`, `getTask`, `createTask`, `updateTask`, `deleteTask`.
 */
export interface EntityModel {
  name: string;
  plural: string;
  camel: string;
  pluralCamel: string;
  kebab: string;
  /** URL path of the collection, e.g. `/tasks`. */
  collectionPath: string;
  fields: readonly EntityField[];
  ops: { list: string; get: string; create: string; update: string; delete: string };
  types: { entity: string; create: string; update: string; page: string };
}

/** The entities agents generate code for, plus notes on every adjustment made to the planner's list. */
export interface ResolvedEntities {
  entities: readonly EntityModel[];
  /** Human-readable notes for the summary (placeholder entity, added field, renamed entity). */
  notes: readonly string[];
}

/** Fields every stored entity carries; request fields with these names are dropped. */
export const META_FIELDS = ['id', 'createdAt', 'updatedAt'] as const;

/**
 * Names that would shadow a global or a generated helper type (`Error`, `Response`, `ApiError`, ...);
 * an entity with one of these names gets an `Item` suffix.
 */
const RESERVED_TYPE_NAMES = new Set([
  'Array',
  'Boolean',
  'Date',
  'Document',
  'Element',
  'Error',
  'Event',
  'Headers',
  'Map',
  'Node',
  'Number',
  'Object',
  'Partial',
  'Promise',
  'Record',
  'Request',
  'Response',
  'Set',
  'String',
  'Symbol',
  'Text',
  'Window',
  'ApiError',
  'ApiRequest',
  'ApiResponse',
  'ApiClient',
  'EntityMeta',
  'Health',
  'Handler',
  'Repository',
  'InMemoryRepository',
  'Page',
  'Parsed',
  'Route',
  'TokenClaims',
]);

/** The entity used when the request names none; reported in the notes. */
const PLACEHOLDER: Entity = { name: 'Item', fields: [{ name: 'name', type: 'string' }] };

/** Builds every derived name of one entity. */
export function toEntityModel(name: string, fields: readonly EntityField[]): EntityModel {
  const plural = pluralize(name);
  const pluralCamel = camelCase(plural);
  return {
    name,
    plural,
    camel: camelCase(name),
    pluralCamel,
    kebab: kebabCase(name),
    collectionPath: `/${kebabCase(plural)}`,
    fields,
    ops: {
      list: `list${plural}`,
      get: `get${name}`,
      create: `create${name}`,
      update: `update${name}`,
      delete: `delete${name}`,
    },
    types: { entity: name, create: `${name}Create`, update: `${name}Update`, page: `${name}Page` },
  };
}

/**
 * Reads the planner's entities in order, dropping duplicates and meta fields. When the request names no entity
 * a placeholder `Item { name: string }` is used; an entity with no field gets `name: string`, because a CRUD
 * resource needs at least one writable field. Every such adjustment is listed in `notes`.
 */
export function resolveEntities(analysis: RequestAnalysis): ResolvedEntities {
  const notes: string[] = [];
  const source = analysis.entities.length > 0 ? analysis.entities : [PLACEHOLDER];
  if (analysis.entities.length === 0)
    notes.push('the request names no entity, so a placeholder entity Item { name } was used');
  const seen = new Set<string>();
  const entities: EntityModel[] = [];
  for (const entity of source) {
    const name = RESERVED_TYPE_NAMES.has(entity.name) ? `${entity.name}Item` : entity.name;
    if (name !== entity.name)
      notes.push(`entity ${entity.name} was renamed ${name} to avoid a clash with a built-in type`);
    if (seen.has(name)) continue;
    seen.add(name);
    const fields = dedupeFields(entity.fields);
    if (fields.length === 0) {
      notes.push(`${name} had no fields in the request, so a name: string field was added`);
      fields.push({ name: 'name', type: 'string' });
    }
    entities.push(toEntityModel(name, fields));
  }
  return { entities, notes };
}

function dedupeFields(fields: Entity['fields']): EntityField[] {
  const meta: readonly string[] = META_FIELDS;
  const seen = new Set<string>();
  const result: EntityField[] = [];
  for (const field of fields) {
    if (meta.includes(field.name) || seen.has(field.name)) continue;
    seen.add(field.name);
    result.push({ name: field.name, type: field.type });
  }
  return result;
}

/** The TypeScript type of a field value on the wire (`date` travels as an ISO 8601 string). */
export function toTsType(type: FieldType): string {
  return type === 'date' ? 'string' : type;
}

/** A deterministic sample value (TypeScript literal) for tests and examples; `variant` 1 gives a second value. */
export function toSampleLiteral(field: EntityField, variant: 0 | 1 = 0): string {
  switch (field.type) {
    case 'string':
      return quote(`${variant === 0 ? 'Sample' : 'Updated'} ${field.name}`);
    case 'number':
      return variant === 0 ? '42' : '7';
    case 'boolean':
      return variant === 0 ? 'true' : 'false';
    case 'date':
      return quote(variant === 0 ? '2024-01-02T03:04:05.000Z' : '2025-06-07T08:09:10.000Z');
  }
}
