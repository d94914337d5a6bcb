import type { Artifact } from '../../src/contracts/artifact.js';
import type { EntityModel } from '../shared/entities.js';
import { quote } from '../shared/naming.js';
import { API_PATHS } from '../shared/paths.js';

/** What the server template needs. */
export interface ServerInput {
  entities: readonly EntityModel[];
  auth: boolean;
  port: number;
  healthPath: string;
}

function routeLines(input: ServerInput): string[] {
  const secured = (value: boolean): string => (input.auth ? `, ${String(value)}` : '');
  const lines = [`    route('GET', ${quote(input.healthPath)}, api.health.getHealth${secured(false)}),`];
  for (const entity of input.entities) {
    const group = `api.${entity.pluralCamel}`;
    const item = `${entity.collectionPath}/{id}`;
    lines.push(
      `    route('GET', '${entity.collectionPath}', ${group}.${entity.ops.list}${secured(true)}),`,
      `    route('POST', '${entity.collectionPath}', ${group}.${entity.ops.create}${secured(true)}),`,
      `    route('GET', '${item}', ${group}.${entity.ops.get}${secured(true)}),`,
      `    route('PATCH', '${item}', ${group}.${entity.ops.update}${secured(true)}),`,
      `    route('DELETE', '${item}', ${group}.${entity.ops.delete}${secured(true)}),`,
    );
  }
  return lines;
}

function header(auth: boolean): string {
  return [
    '/** A node:http router for the API handlers: JSON in and out, path parameters, 404/405/413 handling. */',
    "import { Buffer } from 'node:buffer';",
    "import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';",
    ...(auth ? ["import { authenticate } from './auth.js';"] : []),
    "import { createApi, type Api } from './handlers.js';",
    "import type { ApiError, ApiRequest, ApiResponse } from './types.js';",
    '',
    '/** Largest accepted request body, in bytes (1 MiB). */',
    'const MAX_BODY_BYTES = 1_048_576;',
    '',
    'interface Route {',
    '  method: string;',
    '  /** Path segments; a `{name}` segment captures a path parameter. */',
    '  segments: readonly string[];',
    '  handle: (req: ApiRequest) => Promise<ApiResponse<unknown>>;',
    ...(auth
      ? ['  /** Whether a bearer token is required (every route but the health probe). */', '  secured: boolean;']
      : []),
    '}',
    '',
    '/** Options of {@link createApiServer}. */',
    'export interface ApiServerOptions {',
    '  /** Handlers to serve; defaults to `createApi()` over in-memory repositories. */',
    '  api?: Api;',
    ...(auth
      ? [
          '  /** HMAC secret of the bearer tokens (from the AUTH_SECRET environment variable). */',
          '  authSecret: string;',
        ]
      : []),
    '}',
  ].join('\n');
}

function routeTable(input: ServerInput): string {
  const signature = input.auth
    ? "function route(method: string, path: string, handle: Route['handle'], secured: boolean): Route {"
    : "function route(method: string, path: string, handle: Route['handle']): Route {";
  return [
    signature,
    `  return { method, segments: path.split('/').filter((segment) => segment !== ''), handle${input.auth ? ', secured' : ''} };`,
    '}',
    '',
    '/** One route per operation of api/openapi.yaml. */',
    'export function createRoutes(api: Api): Route[] {',
    '  return [',
    ...routeLines(input),
    '  ];',
    '}',
  ].join('\n');
}

const PLUMBING = `function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function matchSegments(segments: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index] ?? '';
    if (segment.startsWith('{') && segment.endsWith('}')) params[segment.slice(1, -1)] = decode(part);
    else if (segment !== part) return undefined;
  }
  return params;
}

type RouteMatch = { route: Route; params: Record<string, string> } | { allowed: string[] };

function findRoute(routes: readonly Route[], method: string, parts: readonly string[]): RouteMatch {
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchSegments(route.segments, parts);
    if (params === undefined) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return { allowed };
}

function apiError(code: string, message: string): ApiError {
  return { code, message };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === null || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; error: ApiError };

async function readBody(req: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let sizeBytes = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    sizeBytes += buffer.length;
    if (sizeBytes > MAX_BODY_BYTES) return { ok: false, status: 413, error: apiError('body_too_large', 'The request body is too large.') };
    chunks.push(buffer);
  }
  if (chunks.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, error: apiError('invalid_json', 'The request body is not valid JSON.') };
  }
}

function toHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}`;

function handleRequestSource(auth: boolean): string {
  const guard = auth
    ? [
        '  if (match.route.secured) {',
        '    const claims = authenticate(apiRequest, authSecret);',
        '    if (!claims.ok) return send(res, claims.status, claims.body);',
        '  }',
      ]
    : [];
  return [
    `async function handleRequest(routes: readonly Route[], req: IncomingMessage, res: ServerResponse${auth ? ', authSecret: string' : ''}): Promise<void> {`,
    "  const url = new URL(req.url ?? '/', 'http://localhost');",
    "  const match = findRoute(routes, req.method ?? 'GET', url.pathname.split('/').filter((part) => part !== ''));",
    "  if (!('route' in match)) {",
    "    if (match.allowed.length === 0) return send(res, 404, apiError('not_found', 'No route matches ' + url.pathname + '.'));",
    "    return send(res, 405, apiError('method_not_allowed', 'Method not allowed.'), { allow: match.allowed.join(', ') });",
    '  }',
    '  const body = await readBody(req);',
    '  if (!body.ok) return send(res, body.status, body.error);',
    '  const apiRequest: ApiRequest = {',
    '    method: match.route.method,',
    '    path: url.pathname,',
    '    params: match.params,',
    '    query: Object.fromEntries(url.searchParams),',
    '    headers: toHeaders(req),',
    '    body: body.value,',
    '  };',
    ...guard,
    '  const response = await match.route.handle(apiRequest);',
    '  send(res, response.status, response.body);',
    '}',
  ].join('\n');
}

function factorySource(auth: boolean): string {
  return `/** A node:http server for the API; call \`listen(port)\` on it. Unexpected errors answer 500 without details. */
export function createApiServer(options: ApiServerOptions${auth ? '' : ' = {}'}): Server {
  const routes = createRoutes(options.api ?? createApi());
  return createServer((req, res) => {
    handleRequest(routes, req, res${auth ? ', options.authSecret' : ''}).catch(() => {
      if (res.headersSent) res.destroy();
      else send(res, 500, apiError('internal', 'Internal server error.'));
    });
  });
}`;
}

/** Renders `src/api/server.ts`: the node:http router over the handlers (Node built-ins only). */
export function renderServer(input: ServerInput): Artifact {
  const content =
    [header(input.auth), routeTable(input), PLUMBING, handleRequestSource(input.auth), factorySource(input.auth)].join(
      '\n\n',
    ) + '\n';
  return { path: API_PATHS.server, language: 'typescript', kind: 'source', content };
}

/** Renders `src/main.ts`: reads PORT (and AUTH_SECRET) from the environment and starts the server. */
export function renderMain(input: ServerInput): Artifact {
  const lines = [
    "import { createApiServer } from './api/server.js';",
    '',
    `const port = Number.parseInt(process.env['PORT'] ?? '${String(input.port)}', 10);`,
    ...(input.auth
      ? [
          "const authSecret = process.env['AUTH_SECRET'];",
          "if (authSecret === undefined || authSecret === '') throw new Error('AUTH_SECRET must be set to sign and verify bearer tokens.');",
          'const server = createApiServer({ authSecret });',
        ]
      : ['const server = createApiServer();']),
    'server.listen(port);',
    "process.on('SIGTERM', () => {",
    '  server.close();',
    '});',
  ];
  return { path: API_PATHS.main, language: 'typescript', kind: 'source', content: lines.join('\n') + '\n' };
}
