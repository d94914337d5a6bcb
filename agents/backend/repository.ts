import type { EntityModel } from '../shared/entities.js';
import { quote } from '../shared/naming.js';

/**
 * The repository part of `src/api/handlers.ts`: a storage interface per entity and one in-memory
 * implementation. Ids are `<prefix>-<zero-padded sequence>`, so id order is insertion order and a cursor
 * (the last id of a page) stays valid when items are deleted.
 */
export const REPOSITORY_SOURCE = `/** Storage of one resource type; swap the in-memory implementation for a database-backed one. */
export interface Repository<T, C, U> {
  list: (limit: number, cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>;
  get: (id: string) => Promise<T | undefined>;
  create: (input: C) => Promise<T>;
  update: (id: string, patch: U) => Promise<T | undefined>;
  remove: (id: string) => Promise<boolean>;
}

/** Keeps resources in a Map; ids sort in creation order, so the last id of a page is the next cursor. */
export class InMemoryRepository<C extends object, U extends object> implements Repository<C & EntityMeta, C, U> {
  readonly #items = new Map<string, C & EntityMeta>();
  readonly #prefix: string;
  #sequence = 0;

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  list(limit: number, cursor: string | undefined): Promise<{ items: Array<C & EntityMeta>; nextCursor: string | null }> {
    const after = [...this.#items.values()].filter((item) => cursor === undefined || item.id > cursor);
    const items = after.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = after.length > limit && last !== undefined ? last.id : null;
    return Promise.resolve({ items, nextCursor });
  }

  get(id: string): Promise<(C & EntityMeta) | undefined> {
    return Promise.resolve(this.#items.get(id));
  }

  create(input: C): Promise<C & EntityMeta> {
    this.#sequence += 1;
    const now = new Date().toISOString();
    const id = this.#prefix + '-' + String(this.#sequence).padStart(8, '0');
    const item = { ...input, id, createdAt: now, updatedAt: now };
    this.#items.set(id, item);
    return Promise.resolve(item);
  }

  update(id: string, patch: U): Promise<(C & EntityMeta) | undefined> {
    const current = this.#items.get(id);
    if (current === undefined) return Promise.resolve(undefined);
    const next = { ...current, ...patch, id: current.id, createdAt: current.createdAt, updatedAt: new Date().toISOString() };
    this.#items.set(id, next);
    return Promise.resolve(next);
  }

  remove(id: string): Promise<boolean> {
    return Promise.resolve(this.#items.delete(id));
  }
}`;

/** The typed factory of one entity's in-memory repository. */
export function renderRepositoryFactory(entity: EntityModel): string {
  const t = entity.types;
  return [
    `/** An empty in-memory ${entity.name} repository. */`,
    `export function createInMemory${entity.name}Repository(): Repository<${t.entity}, ${t.create}, ${t.update}> {`,
    `  return new InMemoryRepository<${t.create}, ${t.update}>(${quote(entity.kebab)});`,
    '}',
  ].join('\n');
}
