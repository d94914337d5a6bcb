import { parse } from 'yaml';

/** One operation of the API contract, as a test case row. */
export interface ContractCase {
  operationId: string;
  method: string;
  path: string;
  /** Response status codes the contract declares, sorted. */
  statuses: string[];
  /** Name of the success body schema (`TaskPage`), or `no content`. */
  success: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function successBody(responses: Record<string, unknown>): string {
  const code = Object.keys(responses)
    .filter((key) => /^2\d\d$/.test(key))
    .sort()[0];
  const response = code === undefined ? undefined : responses[code];
  const content =
    isRecord(response) && isRecord(response['content']) ? response['content']['application/json'] : undefined;
  const schema = isRecord(content) ? content['schema'] : undefined;
  const ref = isRecord(schema) ? schema['$ref'] : undefined;
  if (typeof ref === 'string') return ref.split('/').pop() ?? 'JSON';
  return content === undefined ? 'no content' : 'JSON';
}

/**
 * Reads the operations of an OpenAPI document (YAML text) as test cases, sorted by path then method.
 *
 * @returns the cases, or `undefined` when the text is not YAML or has no `paths` object.
 */
export function readContractCases(text: string): ContractCase[] | undefined {
  let root: unknown;
  try {
    root = parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(root) || !isRecord(root['paths'])) return undefined;
  const cases: ContractCase[] = [];
  for (const path of Object.keys(root['paths']).sort()) {
    const item = root['paths'][path];
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const responses = isRecord(op['responses']) ? op['responses'] : {};
      cases.push({
        operationId: typeof op['operationId'] === 'string' ? op['operationId'] : `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        statuses: Object.keys(responses).sort(),
        success: successBody(responses),
      });
    }
  }
  return cases;
}
