import type * as OpenApiParserModule from '@readme/openapi-parser';
import type { Diagnostic } from '../../src/contracts/artifact.js';
import type { DataDocument } from './data-parser.js';
import { toFramePath } from './openapi-locate.js';
import { createLazy, describeError, error, isRecord, warning } from './shared.js';

/** Validates an OpenAPI document against its specification schema and the library's semantic rules. */
export interface OpenApiChecker {
  check(document: DataDocument): Promise<Diagnostic[]>;
}

type OpenApiParser = typeof OpenApiParserModule;

/** OpenAPI versions the structural validation is meant for; others still validate but get a warning. */
const EXPECTED_VERSION = /^3\.1\.\d+$/;

/**
 * Creates the checker; `@readme/openapi-parser` is imported on first use. Validation runs on a copy of the
 * parsed document (the library dereferences in place) with external `$ref` resolution off: nothing is read
 * from disk or the network, and each external `$ref` is reported as a warning because it was not checked.
 */
export function createOpenApiChecker(): OpenApiChecker {
  const load = createLazy(() => import('@readme/openapi-parser'));
  return {
    async check(document) {
      const value = document.value;
      if (!isRecord(value))
        return [error('openapi', 'An OpenAPI document must be a mapping at the top level.', position(document, []))];
      const diagnostics: Diagnostic[] = [];
      if (typeof value.openapi !== 'string') {
        diagnostics.push(
          error('openapi', 'Missing `openapi` version field (expected "3.1.x").', position(document, [])),
        );
        return diagnostics;
      }
      if (!EXPECTED_VERSION.test(value.openapi)) {
        const message = `OpenAPI ${value.openapi}: the agents target OpenAPI 3.1.x.`;
        diagnostics.push(warning('openapi', message, position(document, ['openapi'])));
      }
      for (const { ref, path } of externalRefs(value, [])) {
        diagnostics.push(
          warning(
            'openapi',
            `External $ref "${ref}" was not resolved, so its target was not checked.`,
            position(document, path),
          ),
        );
      }
      const parser = await load();
      try {
        const result = await parser.validate(structuredClone(value) as Parameters<typeof parser.validate>[0], {
          resolve: { external: false },
        });
        const errors = result.valid ? [] : result.errors;
        const placed = await placeMessages(
          parser,
          value,
          document,
          [...errors, ...result.warnings].map((e) => e.message),
        );
        diagnostics.push(...errors.map((e) => error('openapi', toMessage(e.message), placed.get(e.message))));
        diagnostics.push(
          ...result.warnings.map((w) => warning('openapi', toMessage(w.message), placed.get(w.message))),
        );
        if (!result.valid && result.additionalErrors > 0) {
          diagnostics.push(error('openapi', `${result.additionalErrors} further errors were not listed.`));
        }
      } catch (thrown) {
        diagnostics.push(error('openapi', `OpenAPI validation failed: ${describeError(thrown)}`));
      }
      return diagnostics;
    },
  };
}

/** Line/column for each message that carries a code frame, by laying out the dereferenced document. */
async function placeMessages(
  parser: OpenApiParser,
  value: Record<string, unknown>,
  document: DataDocument,
  messages: readonly string[],
): Promise<Map<string, Partial<Diagnostic>>> {
  const placed = new Map<string, Partial<Diagnostic>>();
  const framed = messages.filter((m) => /^>\s*\d+\s\|/m.test(m));
  if (framed.length === 0) return placed;
  let dereferenced: unknown;
  try {
    const options = { resolve: { external: false }, dereference: { circular: 'ignore' as const } };
    dereferenced = await parser.dereference(
      structuredClone(value) as Parameters<typeof parser.dereference>[0],
      options,
    );
  } catch {
    return placed;
  }
  for (const message of framed) {
    const path = toFramePath(message, dereferenced);
    if (path) placed.set(message, position(document, path));
  }
  return placed;
}

function position(document: DataDocument, path: ReadonlyArray<string | number>): Partial<Diagnostic> {
  return document.locate(path) ?? {};
}

/**
 * The library's messages carry a code frame of its own pretty-printed copy, whose line numbers are not the
 * artifact's; keep the headline and the pointer text ("version is missing here!").
 */
function toMessage(raw: string): string {
  const [headline = raw, ...rest] = raw.split('\n');
  const pointer = rest.map((line) => /\|\s*\^+\s*(.+)$/.exec(line)?.[1]).find((text) => text !== undefined);
  return pointer ? `${headline.trim()} (${pointer.trim()})` : headline.trim();
}

function* externalRefs(
  value: unknown,
  path: Array<string | number>,
): Generator<{ ref: string; path: Array<string | number> }> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* externalRefs(item, [...path, index]);
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref' && typeof item === 'string' && !item.startsWith('#')) yield { ref: item, path: [...path, key] };
    else yield* externalRefs(item, [...path, key]);
  }
}
