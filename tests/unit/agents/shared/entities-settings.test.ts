import { describe, expect, it } from 'vitest';
import { resolveEntities, toEntityModel } from '../../../../agents/shared/entities.js';
import { deriveRuntimeSettings, matchScopes } from '../../../../agents/shared/settings.js';
import type { RequestAnalysis } from '../../../../src/contracts/plan.js';
import { minimalAnalysis, subtask } from '../helpers/fixtures.js';

function withEntities(entities: RequestAnalysis['entities']): RequestAnalysis {
  return { ...minimalAnalysis(), entities };
}

describe('resolveEntities', () => {
  it('derives every name from the entity', () => {
    const model = toEntityModel('Category', [{ name: 'label', type: 'string' }]);
    expect(model).toMatchObject({
      plural: 'Categories',
      collectionPath: '/categories',
      ops: {
        list: 'listCategories',
        get: 'getCategory',
        create: 'createCategory',
        update: 'updateCategory',
        delete: 'deleteCategory',
      },
      types: { entity: 'Category', create: 'CategoryCreate', update: 'CategoryUpdate', page: 'CategoryPage' },
    });
  });

  it('uses a placeholder when the request names no entity, and notes it', () => {
    const { entities, notes } = resolveEntities(withEntities([]));
    expect(entities.map((e) => [e.name, e.fields])).toEqual([['Item', [{ name: 'name', type: 'string' }]]]);
    expect(notes).toEqual(['the request names no entity, so a placeholder entity Item { name } was used']);
  });

  it('renames reserved names, drops duplicates and meta fields, and fills field-less entities', () => {
    const { entities, notes } = resolveEntities(
      withEntities([
        {
          name: 'Response',
          fields: [
            { name: 'id', type: 'string' },
            { name: 'body', type: 'string' },
            { name: 'body', type: 'number' },
          ],
        },
        { name: 'Tag', fields: [] },
        { name: 'Tag', fields: [{ name: 'label', type: 'string' }] },
      ]),
    );
    expect(entities.map((e) => [e.name, e.fields.map((f) => `${f.name}:${f.type}`)])).toEqual([
      ['ResponseItem', ['body:string']],
      ['Tag', ['name:string']],
    ]);
    expect(notes).toHaveLength(2);
  });
});

describe('deriveRuntimeSettings', () => {
  const entities = resolveEntities(minimalAnalysis()).entities;

  it.each([
    ['A notes API', 3000, 22],
    ['Serve on port 8080 with Node.js 20', 8080, 20],
    ['listen on port: 99999 with node v21', 3000, 22],
    ['node 24, port=4000', 4000, 24],
  ])('%s → port %i, Node %i', (request, port, nodeMajor) => {
    expect(deriveRuntimeSettings(request, entities)).toEqual({
      port,
      nodeMajor,
      serviceName: 'notes-api',
      healthPath: '/health',
    });
  });
});

describe('matchScopes', () => {
  const scopes = { contract: /contract/i, implementation: /implement/i };

  it.each([
    ['api-contract', 'Anything', ['contract']],
    ['api-implementation', 'Write the contract', ['implementation']],
    ['backend-work', 'Implement against the contract', ['contract', 'implementation']],
  ])('id %s / title %s → %j', (id, title, expected) => {
    expect([...(matchScopes(subtask('backend', id, title), scopes) ?? [])].sort()).toEqual(expected);
  });

  it('returns undefined when no hint matches', () => {
    expect(matchScopes(subtask('backend', 'backend-work', 'Do it'), scopes)).toBeUndefined();
  });
});
