import { stringify } from 'yaml';
import type { Artifact } from '../../src/contracts/artifact.js';
import { buildOpenApiDocument, type JsonObject, type OpenApiInput } from '../shared/openapi-document.js';
import { API_PATHS } from '../shared/paths.js';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** The rendered contract and the number of operations (method entries under `paths`) it declares. */
export interface RenderedOpenApi {
  artifact: Artifact;
  operationCount: number;
}

function countOperations(document: JsonObject): number {
  const paths = document['paths'];
  if (typeof paths !== 'object' || paths === null || Array.isArray(paths)) return 0;
  let count = 0;
  for (const item of Object.values(paths)) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    count += Object.keys(item).filter((key) => HTTP_METHODS.has(key)).length;
  }
  return count;
}

/** Renders the OpenAPI 3.1.0 contract as YAML (`lineWidth: 0` keeps long descriptions on one line). */
export function renderOpenApi(input: OpenApiInput): RenderedOpenApi {
  const document = buildOpenApiDocument(input);
  const content = stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
  return {
    artifact: { path: API_PATHS.openapi, language: 'yaml', kind: 'openapi', content },
    operationCount: countOperations(document),
  };
}
