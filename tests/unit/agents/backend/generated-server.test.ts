import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo, Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendAgent } from '../../../../agents/index.js';
import { runInput } from '../helpers/fixtures.js';
import { transpileToTemp, type TranspiledWorkspace } from '../helpers/run-generated.js';

const SECRET = 'test-secret';

interface ServerModule {
  createApiServer: (options: { authSecret: string }) => Server;
}
interface AuthModule {
  signToken: (subject: string, secret: string) => string;
}

describe('generated node:http server (transpiled and run)', () => {
  let workspace: TranspiledWorkspace;
  let server: Server;
  let baseUrl: string;
  let token: string;

  beforeAll(async () => {
    const output = await createBackendAgent().run(runInput('backend'));
    workspace = await transpileToTemp(output.artifacts);
    const load = (path: string): Promise<unknown> =>
      import(/* @vite-ignore */ pathToFileURL(join(workspace.root, path)).href);
    const serverModule = (await load('src/api/server.js')) as ServerModule;
    const authModule = (await load('src/api/auth.js')) as AuthModule;
    token = authModule.signToken('tester', SECRET);
    server = serverModule.createApiServer({ authSecret: SECRET });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await workspace.dispose();
  });

  const call = (method: string, path: string, body?: unknown, auth = true): Promise<Response> =>
    fetch(baseUrl + path, {
      method,
      headers: {
        ...(auth ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  it('serves the health route without a token and guards the others with 401', async () => {
    expect((await call('GET', '/health', undefined, false)).status).toBe(200);
    const denied = await call('GET', '/tasks', undefined, false);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ code: 'unauthorized', message: 'A valid bearer token is required.' });
  });

  it('creates, lists, updates and deletes over HTTP', async () => {
    const created = await call('POST', '/tasks', {
      title: 'Write tests',
      done: false,
      estimate: 3,
      dueDate: '2024-05-01T10:00:00.000Z',
    });
    expect(created.status).toBe(201);
    const task = (await created.json()) as { id: string; title: string };
    expect(task.title).toBe('Write tests');
    const listed = (await (await call('GET', '/tasks?limit=10')).json()) as {
      items: Array<{ id: string }>;
      nextCursor: string | null;
    };
    expect(listed.items.map((item) => item.id)).toContain(task.id);
    const updated = await call('PATCH', `/tasks/${task.id}`, { done: true });
    expect(((await updated.json()) as { done: boolean }).done).toBe(true);
    expect((await call('DELETE', `/tasks/${task.id}`)).status).toBe(204);
    expect((await call('GET', `/tasks/${task.id}`)).status).toBe(404);
  });

  it.each([
    ['invalid JSON', 'POST', '/tasks', '{not json', 400],
    ['a body failing validation', 'POST', '/tasks', { title: 1 }, 400],
    ['an unknown route', 'GET', '/nope', undefined, 404],
    ['a method the route lacks', 'PUT', '/tasks', undefined, 405],
    ['a limit out of range', 'GET', '/projects?limit=500', undefined, 400],
  ])('answers %s with the right status', async (_name, method, path, body, status) => {
    expect((await call(method, path, body)).status).toBe(status);
  });
});
