import type { Artifact } from '../../src/contracts/artifact.js';
import { quote, toPropertyKey } from '../shared/naming.js';
import type { ClientContract, ClientOperation } from './contract.js';
import { renderDeclaration } from './schema-to-ts.js';

/** Path of the generated typed fetch client; components import their types and calls from it. */
export const API_CLIENT_PATH = 'src/ui/api-client.ts';

const RUNTIME = `/** Options of {@link createApiClient}. */
export interface ApiClientOptions {
  /** Base URL of the API without a trailing slash, e.g. \`http://localhost:3000\`. */
  baseUrl: string;
  /** Bearer token sent in the Authorization header when set. */
  token?: string;
  /** The fetch implementation; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** Per-call options. */
export interface RequestOptions {
  signal?: AbortSignal;
}

/** A non-2xx answer of the API; \`body\` is the parsed ApiError body when there was one. */
export class ApiClientError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    super('The API answered with status ' + String(status) + '.');
    this.name = 'ApiClientError';
    this.status = status;
    this.body = body;
  }
}`;

const QUERY_HELPER = `function toQueryString(query: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : '?' + text;
}`;

const CALL = `  const fetchImpl = options.fetch ?? fetch;

  async function call<T>(method: string, path: string, body: unknown, requestOptions: RequestOptions | undefined): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token !== undefined) headers['authorization'] = 'Bearer ' + options.token;
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (requestOptions?.signal !== undefined) init.signal = requestOptions.signal;
    const response = await fetchImpl(options.baseUrl + path, init);
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) throw new ApiClientError(response.status, parsed);
    return parsed as T;
  }`;

function queryType(op: ClientOperation): string {
  return `{ ${op.query.map((param) => `${toPropertyKey(param.name)}?: ${param.type}`).join('; ')} }`;
}

function parameters(op: ClientOperation): string[] {
  const params = op.pathParams.map((param) => `${param.local}: string`);
  if (op.bodyType !== undefined) params.push(`body: ${op.bodyType}`);
  if (op.query.length > 0) params.push(`query?: ${queryType(op)}`);
  params.push('requestOptions?: RequestOptions');
  return params;
}

/** `'/tasks/' + encodeURIComponent(id)` for `/tasks/{id}`. */
function pathExpression(op: ClientOperation): string {
  const parts = op.path.split(/\{([^}]+)\}/);
  const pieces = parts.map((part, index) => {
    if (index % 2 === 0) return part === '' ? undefined : quote(part);
    const local = op.pathParams.find((param) => param.name === part)?.local ?? 'undefined';
    return `encodeURIComponent(${local})`;
  });
  return pieces.filter((piece): piece is string => piece !== undefined).join(' + ') || quote('/');
}

function signatureLine(op: ClientOperation): string {
  return `  /** ${op.summary} (${op.method} ${op.path}). */\n  ${op.id}: (${parameters(op).join(', ')}) => Promise<${op.responseType}>;`;
}

function implementationLine(op: ClientOperation): string {
  const names = parameters(op).map((param) => param.split(/\??:/)[0] ?? '');
  const path = pathExpression(op) + (op.query.length > 0 ? ' + toQueryString(query ?? {})' : '');
  const body = op.bodyType === undefined ? 'undefined' : 'body';
  return `    ${op.id}: (${names.join(', ')}) => call<${op.responseType}>('${op.method}', ${path}, ${body}, requestOptions),`;
}

/**
 * Renders `src/ui/api-client.ts`: one declaration per contract schema, the `ApiClient` interface with one typed
 * function per operation, and `createApiClient(options)` over fetch. `source` names where the contract came from.
 */
export function renderApiClient(contract: ClientContract, source: string): Artifact {
  const ops = contract.operations;
  const declarations = [...contract.schemas].map(([name, schema]) => renderDeclaration(name, schema));
  const content = [
    `/** Typed fetch client with ${String(ops.length)} operations, generated from ${source}. */`,
    ...declarations,
    RUNTIME,
    [
      '/** One typed function per operation of the contract. */',
      'export interface ApiClient {',
      ...ops.map(signatureLine),
      '}',
    ].join('\n'),
    ...(ops.some((op) => op.query.length > 0) ? [QUERY_HELPER] : []),
    [
      '/** Creates a client; each call rejects with {@link ApiClientError} on a non-2xx answer. */',
      'export function createApiClient(options: ApiClientOptions): ApiClient {',
      CALL,
      '',
      '  return {',
      ...ops.map(implementationLine),
      '  };',
      '}',
    ].join('\n'),
  ].join('\n\n');
  return { path: API_CLIENT_PATH, language: 'typescript', kind: 'source', content: content + '\n' };
}
