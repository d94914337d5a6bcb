import fc from 'fast-check';

/** The subset of JSON Schema (2020-12, as the SDK emits it from zod) the generator reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  required?: string[];
}

/** Strings that tend to break parsers and planners: empty, blank, control and odd Unicode, near and past limits. */
const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\n\t',
      '\u0000',
      '\uFFFE',
      '\uD800',
      '../../etc/passwd',
      '${process.env}',
      '<script>',
      'DROP TABLE x;--',
      '{{7*7}}',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 19_990, max: 20_010 }).map((n) => 'a'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 199_990, max: 200_010 }).map((n) => 'b'.repeat(n)) },
);

/** Plausible text (words, sentences) so that valid-looking inputs reach the real engines. */
const plausibleString = fc.oneof(
  fc.lorem({ maxCount: 12 }),
  fc.constantFrom(
    'typescript',
    'json',
    'Add a /health endpoint to the API',
    'const x: number = "1";',
    '{"a": 1,}',
    'PostgreSQL',
    'HIPAA',
  ),
);

/** A value meant to satisfy `schema` roughly (right type, edge-case content). */
function conforming(schema: JsonSchema, depth: number, strings = nastyString): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => conforming(s, depth, strings)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return strings;
    case 'integer':
      return fc.oneof(fc.integer(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER));
    case 'number':
      return fc.oneof(fc.double(), fc.constantFrom(0, -0, 1e308));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items && depth > 0 ? conforming(schema.items, depth - 1, strings) : strings, {
        maxLength: (schema.maxItems ?? 5) + 2,
      });
    case 'object':
      return depth > 0 ? argumentsFor(schema, depth - 1) : fc.object({ maxDepth: 1 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Arguments that satisfy `schema` in shape (required keys present, right types, plausible text). */
export function validishArgumentsFor(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const required = schema.required ?? [];
  const entries = Object.entries(schema.properties ?? {}).map(
    ([key, prop]) => [key, conforming(prop, 1, plausibleString)] as const,
  );
  return fc.record(Object.fromEntries(entries), {
    requiredKeys: required.filter((k) => k in (schema.properties ?? {})),
  });
}

/** Half hostile, half plausible: see {@link argumentsFor} and {@link validishArgumentsFor}. */
export function toolInputFor(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(argumentsFor(schema), validishArgumentsFor(schema));
}

/**
 * Tool arguments for `schema`: each declared property either present with a conforming value, present with any
 * JSON value (often the wrong type), or absent; plus sometimes undeclared keys (including `__proto__`).
 */
export function argumentsFor(schema: JsonSchema, depth = 2): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(schema.properties ?? {}).map(
    ([key, prop]) =>
      [
        key,
        fc.oneof(
          { weight: 3, arbitrary: conforming(prop, depth) },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
        ),
      ] as const,
  );
  const declared = fc.record(Object.fromEntries(entries), { requiredKeys: [] });
  const extra = fc.oneof(
    { weight: 4, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    },
    { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__":{"polluted":true}}') as Record<string, unknown>) },
  );
  return fc.tuple(declared, extra).map(([d, e]) => ({ ...e, ...d }));
}
