import type { Artifact } from '../../src/contracts/artifact.js';
import { toSampleLiteral, type EntityField, type EntityModel } from '../shared/entities.js';
import { toPropertyAccess, toPropertyKey } from '../shared/naming.js';

/** `tests/<entity>.api.test.ts`. */
export function apiTestPath(entity: EntityModel): string {
  return `tests/${entity.kebab}.api.test.ts`;
}

/** True when `handlers` (the content of src/api/handlers.ts) exports what the tests of `entity` import. */
export function canTestEntity(handlers: string, entity: EntityModel): boolean {
  return (
    handlers.includes(`export function create${entity.name}Handlers(`) &&
    handlers.includes(`export function createInMemory${entity.name}Repository(`)
  );
}

function invalidLiteral(field: EntityField): string {
  switch (field.type) {
    case 'string':
      return '42';
    case 'number':
      return "'not a number'";
    case 'boolean':
      return "'yes'";
    case 'date':
      return "'not a date'";
  }
}

function objectLiteral(fields: readonly EntityField[], variant: 0 | 1): string {
  return `{ ${fields.map((field) => `${toPropertyKey(field.name)}: ${toSampleLiteral(field, variant)}`).join(', ')} }`;
}

function header(entity: EntityModel, valid: string): string {
  return `/** API tests of ${entity.name}: the generated handlers over the in-memory repository (node:test). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { create${entity.name}Handlers, createInMemory${entity.name}Repository, type ApiRequest } from '../src/api/handlers.js';

function request(method: string, path: string, init: Partial<ApiRequest> = {}): ApiRequest {
  return { method, path, params: {}, query: {}, headers: {}, body: undefined, ...init };
}

function newHandlers() {
  return create${entity.name}Handlers(createInMemory${entity.name}Repository());
}

const VALID = ${valid};`;
}

function lifecycleCase(entity: EntityModel): string {
  const { ops, collectionPath: path } = entity;
  const fieldChecks = entity.fields.map(
    (field) =>
      `    assert.equal(${toPropertyAccess('created.body', field.name)}, ${toPropertyAccess('VALID', field.name)});`,
  );
  return `  it('creates, gets, lists and deletes a ${entity.name}', async () => {
    const handlers = newHandlers();
    const created = await handlers.${ops.create}(request('POST', '${path}', { body: VALID }));
    assert.equal(created.status, 201);
    assert.ok(created.ok);
${fieldChecks.join('\n')}
    const id = created.body.id;
    const fetched = await handlers.${ops.get}(request('GET', '${path}/' + id, { params: { id } }));
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, created.body);
    const listed = await handlers.${ops.list}(request('GET', '${path}'));
    assert.ok(listed.ok);
    assert.deepEqual(listed.body.items.map((item) => item.id), [id]);
    assert.equal(listed.body.nextCursor, null);
    const removed = await handlers.${ops.delete}(request('DELETE', '${path}/' + id, { params: { id } }));
    assert.equal(removed.status, 204);
    const missing = await handlers.${ops.get}(request('GET', '${path}/' + id, { params: { id } }));
    assert.equal(missing.status, 404);
  });`;
}

function updateCase(entity: EntityModel): string {
  const [first, ...rest] = entity.fields;
  if (first === undefined) return '';
  const { ops, collectionPath: path } = entity;
  const unchanged = rest.map(
    (field) =>
      `    assert.equal(${toPropertyAccess('updated.body', field.name)}, ${toPropertyAccess('VALID', field.name)});`,
  );
  return `  it('updates only the fields sent', async () => {
    const handlers = newHandlers();
    const created = await handlers.${ops.create}(request('POST', '${path}', { body: VALID }));
    assert.ok(created.ok);
    const id = created.body.id;
    const updated = await handlers.${ops.update}(request('PATCH', '${path}/' + id, { params: { id }, body: { ${toPropertyKey(first.name)}: ${toSampleLiteral(first, 1)} } }));
    assert.equal(updated.status, 200);
    assert.ok(updated.ok);
    assert.equal(${toPropertyAccess('updated.body', first.name)}, ${toSampleLiteral(first, 1)});
${unchanged.join('\n')}
    const empty = await handlers.${ops.update}(request('PATCH', '${path}/' + id, { params: { id }, body: {} }));
    assert.equal(empty.status, 400);
  });`;
}

function validationCase(entity: EntityModel): string {
  const [first] = entity.fields;
  if (first === undefined) return '';
  const { ops, collectionPath: path } = entity;
  return `  it('rejects an invalid body with 400', async () => {
    const handlers = newHandlers();
    const bodies: unknown[] = [undefined, [], {}, { ...VALID, ${toPropertyKey(first.name)}: ${invalidLiteral(first)} }, { ...VALID, unknownProperty: 1 }];
    for (const body of bodies) {
      const response = await handlers.${ops.create}(request('POST', '${path}', { body }));
      assert.equal(response.status, 400);
      assert.equal(response.ok, false);
    }
  });`;
}

function pagingCase(entity: EntityModel): string {
  const { ops, collectionPath: path } = entity;
  return `  it('pages with limit and cursor, and rejects a limit outside 1..100', async () => {
    const handlers = newHandlers();
    for (let index = 0; index < 3; index += 1) {
      const created = await handlers.${ops.create}(request('POST', '${path}', { body: VALID }));
      assert.equal(created.status, 201);
    }
    const first = await handlers.${ops.list}(request('GET', '${path}', { query: { limit: '2' } }));
    assert.ok(first.ok);
    assert.equal(first.body.items.length, 2);
    assert.notEqual(first.body.nextCursor, null);
    const cursor = first.body.nextCursor ?? undefined;
    const second = await handlers.${ops.list}(request('GET', '${path}', { query: { limit: '2', cursor } }));
    assert.ok(second.ok);
    assert.equal(second.body.items.length, 1);
    assert.equal(second.body.nextCursor, null);
    for (const limit of ['0', '101', 'ten']) {
      const response = await handlers.${ops.list}(request('GET', '${path}', { query: { limit } }));
      assert.equal(response.status, 400);
    }
  });`;
}

function notFoundCase(entity: EntityModel): string {
  const { ops, collectionPath: path } = entity;
  const fields =
    entity.fields[0] === undefined
      ? '{}'
      : `{ ${toPropertyKey(entity.fields[0].name)}: ${toSampleLiteral(entity.fields[0], 1)} }`;
  return `  it('answers 404 for an unknown id', async () => {
    const handlers = newHandlers();
    const params = { id: 'missing' };
    assert.equal((await handlers.${ops.get}(request('GET', '${path}/missing', { params }))).status, 404);
    assert.equal((await handlers.${ops.update}(request('PATCH', '${path}/missing', { params, body: ${fields} }))).status, 404);
    assert.equal((await handlers.${ops.delete}(request('DELETE', '${path}/missing', { params }))).status, 404);
  });`;
}

/** Renders the node:test API tests of one entity against `../src/api/handlers.js`. */
export function renderApiTest(entity: EntityModel): Artifact {
  const cases = [lifecycleCase, updateCase, validationCase, pagingCase, notFoundCase]
    .map((render) => render(entity))
    .filter((text) => text !== '');
  const content = [
    header(entity, objectLiteral(entity.fields, 0)),
    `describe('${entity.name} API handlers (in-memory repository)', () => {\n${cases.join('\n\n')}\n});`,
  ].join('\n\n');
  return { path: apiTestPath(entity), language: 'typescript', kind: 'test', content: content + '\n' };
}

/** The number of `it` cases {@link renderApiTest} writes for an entity with at least one field. */
export const API_TEST_CASES_PER_ENTITY = 5;
