import type { Artifact } from '../../src/contracts/artifact.js';
import { camelCase, toLocalName } from '../shared/naming.js';
import {
  DATE_TIME_LOCAL_HELPER,
  FORMAT_DATE_TIME_HELPER,
  toBodyLiteral,
  toDisplayExpression,
  toFormFieldCode,
} from './fields.js';
import type { ContractField } from './contract.js';
import type { UiResource } from './resources.js';

/** `src/ui/<Entity>List.tsx` and `src/ui/<Entity>Form.tsx`. */
export function componentPaths(resource: UiResource): { list: string; form: string } {
  return { list: `src/ui/${resource.entity.name}List.tsx`, form: `src/ui/${resource.entity.name}Form.tsx` };
}

function listCells(resource: UiResource, item: string): string[] {
  return resource.fields.map((field) => `              <td>{${toDisplayExpression(item, field)}}</td>`);
}

/** Names the list component uses itself; a row variable never takes one of them. */
const LIST_LOCALS = new Set([
  'items',
  'cursor',
  'nextCursor',
  'error',
  'client',
  'controller',
  'page',
  'reason',
  'pageSize',
  'onSelect',
]);

function listHeader(resource: UiResource, item: string): string {
  const { entity } = resource;
  const hasDate = resource.fields.some((field) => field.type === 'date');
  return `import { useEffect, useState } from 'react';
import type { ApiClient, ${entity.types.entity} } from './api-client.js';

/** Props of {@link ${entity.name}List}. */
export interface ${entity.name}ListProps {
  client: ApiClient;
  /** Page size requested from the API (1..100). */
  pageSize?: number;
  /** Called with the row whose Edit button was pressed; no Edit column without it. */
  onSelect?: (${item}: ${entity.types.entity}) => void;
}
${hasDate ? `\n${FORMAT_DATE_TIME_HELPER}\n` : ''}`;
}

/** State and the effect that loads the current page (aborted when the props change or the list unmounts). */
function listState(resource: UiResource): string {
  const { entity } = resource;
  return `  const [items, setItems] = useState<${entity.types.entity}[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    client
      .${entity.ops.list}({ limit: pageSize, cursor }, { signal: controller.signal })
      .then((page) => {
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setError(null);
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason instanceof Error ? reason.message : String(reason));
      });
    return () => controller.abort();
  }, [client, pageSize, cursor]);`;
}

function listMarkup(resource: UiResource, item: string): string {
  const headers = resource.fields.map((field) => `            <th scope="col">${toFormFieldCode(field).label}</th>`);
  return `  if (error !== null) return <p role="alert" className="error">{error}</p>;
  return (
    <section className="entity-list" aria-label="${resource.entity.plural}">
      <table>
        <thead>
          <tr>
${headers.join('\n')}
            {onSelect !== undefined && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((${item}) => (
            <tr key={${item}.id}>
${listCells(resource, item).join('\n')}
              {onSelect !== undefined && (
                <td>
                  <button type="button" onClick={() => onSelect(${item})}>Edit</button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pager">
        <button type="button" disabled={cursor === undefined} onClick={() => setCursor(undefined)}>First page</button>
        <button type="button" disabled={nextCursor === null} onClick={() => setCursor(nextCursor ?? undefined)}>Next page</button>
      </nav>
    </section>
  );`;
}

/** A React list of one resource, paged through `limit`/`cursor`, with an optional Edit button per row. */
export function renderListComponent(resource: UiResource): Artifact {
  const { entity } = resource;
  const item = LIST_LOCALS.has(camelCase(entity.name)) ? 'row' : toLocalName(camelCase(entity.name));
  const content = `${listHeader(resource, item)}
/** Lists ${entity.plural} page by page (${entity.ops.list}, GET ${entity.collectionPath}). */
export function ${entity.name}List({ client, pageSize = 20, onSelect }: ${entity.name}ListProps) {
${listState(resource)}

${listMarkup(resource, item)}
}
`;
  return { path: componentPaths(resource).list, language: 'tsx', kind: 'component', content };
}

function inputElement(resource: UiResource, field: ContractField): string {
  const code = toFormFieldCode(field);
  const id = `${resource.entity.kebab}-${field.name}`;
  const control =
    code.inputType === 'checkbox'
      ? `<input id="${id}" type="checkbox" checked={${code.local}} onChange={(event) => ${code.setter}(event.target.checked)} />`
      : `<input id="${id}" type="${code.inputType}" value={${code.local}} onChange={(event) => ${code.setter}(event.target.value)}${field.required ? ' required' : ''} />`;
  return `      <label htmlFor="${id}">${code.label}</label>\n      ${control}`;
}

function formHeader(resource: UiResource): string {
  const { entity } = resource;
  const t = entity.types;
  const hasDate = resource.fields.some((field) => field.type === 'date');
  return `import { useState } from 'react';
import type { ApiClient, ${t.entity}, ${t.create} } from './api-client.js';

/** Props of {@link ${entity.name}Form}. */
export interface ${entity.name}FormProps {
  client: ApiClient;
  /** The ${entity.name} to edit; without it the form creates a new one. */
  initial?: ${t.entity};
  onSaved?: (saved: ${t.entity}) => void;
}
${hasDate ? `\n${DATE_TIME_LOCAL_HELPER}\n` : ''}`;
}

/** One state per field, then `save()`: builds the typed body, calls create or update, reports errors. */
function formLogic(resource: UiResource): string {
  const { entity } = resource;
  const states = resource.fields.map((field) => {
    const code = toFormFieldCode(field);
    return `  const [${code.local}, ${code.setter}] = useState(${code.initial});`;
  });
  return `${states.join('\n')}
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(): Promise<void> {
    setSaving(true);
    try {
      const input: ${entity.types.create} = ${toBodyLiteral(resource.fields)};
      const saved = initial === undefined ? await client.${entity.ops.create}(input) : await client.${entity.ops.update}(initial.id, input);
      setError(null);
      onSaved?.(saved);
    } catch (reason: unknown) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setSaving(false);
    }
  }`;
}

/** A React form that creates a resource, or updates `initial` when given. */
export function renderFormComponent(resource: UiResource): Artifact {
  const { entity } = resource;
  const content = `${formHeader(resource)}
/** Creates (${entity.ops.create}) or updates (${entity.ops.update}) a ${entity.name}. */
export function ${entity.name}Form({ client, initial, onSaved }: ${entity.name}FormProps) {
${formLogic(resource)}

  return (
    <form
      className="entity-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
${resource.fields.map((field) => inputElement(resource, field)).join('\n')}
      {error !== null && <p role="alert" className="error">{error}</p>}
      <button type="submit" disabled={saving}>{initial === undefined ? 'Create' : 'Save'}</button>
    </form>
  );
}
`;
  return { path: componentPaths(resource).form, language: 'tsx', kind: 'component', content };
}
