import type { EntityModel } from '../shared/entities.js';
import { toFormFields, type ClientContract, type ContractField } from './contract.js';

/** An entity the UI can render: the contract has its schemas and list/create/update operations. */
export interface UiResource {
  entity: EntityModel;
  /** Editable fields, from the `<Entity>Create` schema of the contract. */
  fields: readonly ContractField[];
}

/** The UI resources of `entities`, and a note for each entity the contract does not support. */
export interface ResolvedResources {
  resources: UiResource[];
  notes: string[];
}

function hasPageShape(contract: ClientContract, entity: EntityModel): boolean {
  const page = contract.schemas.get(entity.types.page);
  const properties = page?.['properties'];
  return typeof properties === 'object' && properties !== null && 'items' in properties && 'nextCursor' in properties;
}

/**
 * Matches each entity to the contract by the shared naming convention (`Task`, `TaskCreate`, `TaskPage`, paged
 * `listTasks`, `createTask`, `updateTask`); entities missing from the contract are reported, not invented.
 */
export function resolveResources(contract: ClientContract, entities: readonly EntityModel[]): ResolvedResources {
  const resources: UiResource[] = [];
  const notes: string[] = [];
  const ops = new Map(contract.operations.map((op) => [op.id, op]));
  for (const entity of entities) {
    const createSchema = contract.schemas.get(entity.types.create);
    const list = ops.get(entity.ops.list);
    const required = [
      ops.get(entity.ops.create),
      ops.get(entity.ops.update),
      contract.schemas.get(entity.types.entity),
    ];
    const fields = createSchema === undefined ? undefined : toFormFields(createSchema);
    const queryNames = new Set(list?.query.map((param) => param.name));
    const paged = queryNames.has('limit') && queryNames.has('cursor') && hasPageShape(contract, entity);
    if (!paged || fields === undefined || fields.length === 0 || required.includes(undefined)) {
      notes.push(
        `the contract lacks the paged CRUD schemas or operations of ${entity.name}, so no components were generated for it`,
      );
      continue;
    }
    resources.push({ entity, fields });
  }
  return { resources, notes };
}
