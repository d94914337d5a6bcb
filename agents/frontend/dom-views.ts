import type { Artifact } from '../../src/contracts/artifact.js';
import { camelCase, quote, toLocalName } from '../shared/naming.js';
import type { ContractField } from './contract.js';
import { FORMAT_DATE_TIME_HELPER, toDisplayExpression, toFormFieldCode } from './fields.js';
import type { UiResource } from './resources.js';

/** `src/ui/<entity>-view.ts`. */
export function domViewPath(resource: UiResource): string {
  return `src/ui/${resource.entity.kebab}-view.ts`;
}

const ADD_INPUT = `function addInput(form: HTMLFormElement, id: string, label: string, type: string, required: boolean): HTMLInputElement {
  const labelElement = document.createElement('label');
  labelElement.htmlFor = id;
  labelElement.textContent = label;
  const input = document.createElement('input');
  input.id = id;
  input.type = type;
  input.required = required && type !== 'checkbox';
  form.append(labelElement, input);
  return input;
}`;

const INPUT_TYPES = { string: 'text', number: 'number', boolean: 'checkbox', date: 'datetime-local' } as const;

function inputLocal(field: ContractField): string {
  return `${toFormFieldCode(field).local}Input`;
}

function valueOf(field: ContractField): string {
  const input = inputLocal(field);
  switch (field.type) {
    case 'string':
      return `${input}.value`;
    case 'number':
      return `Number(${input}.value)`;
    case 'boolean':
      return `${input}.checked`;
    case 'date':
      return `new Date(${input}.value).toISOString()`;
  }
}

function listFunctions(resource: UiResource, item: string): string {
  const { entity, fields } = resource;
  const labels = fields.map((field) => quote(toFormFieldCode(field).label)).join(', ');
  const cells = fields.map((field) => `    row.insertCell().textContent = ${toDisplayExpression(item, field)};`);
  return `/** Renders ${entity.plural} as a table into \`container\`, replacing its content. */
export function render${entity.name}List(container: HTMLElement, items: readonly ${entity.types.entity}[]): void {
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const label of [${labels}]) {
    const cell = document.createElement('th');
    cell.scope = 'col';
    cell.textContent = label;
    head.append(cell);
  }
  const body = table.createTBody();
  for (const ${item} of items) {
    const row = body.insertRow();
${cells.join('\n')}
  }
  container.replaceChildren(table);
}

/** Loads the first page of ${entity.plural} (${entity.ops.list}) and renders it into \`container\`. */
export async function load${entity.name}List(container: HTMLElement, client: ApiClient, options: RequestOptions = {}): Promise<void> {
  const page = await client.${entity.ops.list}({ limit: 20 }, options);
  render${entity.name}List(container, page.items);
}`;
}

function formFunction(resource: UiResource): string {
  const { entity, fields } = resource;
  const inputs = fields.map((field) => {
    const id = quote(`${entity.kebab}-${field.name}`);
    const label = quote(toFormFieldCode(field).label);
    return `  const ${inputLocal(field)} = addInput(form, ${id}, ${label}, '${INPUT_TYPES[field.type]}', ${String(field.required)});`;
  });
  const body = `{ ${fields.map((field) => `${field.key}: ${valueOf(field)}`).join(', ')} }`;
  return `/** Mounts a form into \`container\` that creates a ${entity.name} (${entity.ops.create}); \`onSaved\` gets the result. */
export function mount${entity.name}Form(container: HTMLElement, client: ApiClient, onSaved: (saved: ${entity.types.entity}) => void): void {
  const form = document.createElement('form');
  form.className = 'entity-form';
${inputs.join('\n')}
  const status = document.createElement('p');
  status.className = 'error';
  status.setAttribute('role', 'alert');
  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = 'Create';
  form.append(status, button);

  async function submit(): Promise<void> {
    try {
      const input: ${entity.types.create} = ${body};
      onSaved(await client.${entity.ops.create}(input));
      status.textContent = '';
    } catch (reason: unknown) {
      status.textContent = reason instanceof Error ? reason.message : String(reason);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });
  container.replaceChildren(form);
}`;
}

/**
 * Renders a framework-free typed DOM module for one resource (for vue/svelte/angular stacks, whose
 * component formats the checker cannot type-check): a table renderer, a loader and a create form.
 */
export function renderDomView(resource: UiResource): Artifact {
  const { entity } = resource;
  const item = ['items', 'row', 'table', 'head', 'body', 'label', 'cell', 'container'].includes(camelCase(entity.name))
    ? 'entry'
    : toLocalName(camelCase(entity.name));
  const hasDate = resource.fields.some((field) => field.type === 'date');
  const content = [
    `/** Framework-free DOM view of ${entity.plural}: list rendering and a create form, typed by the API client. */`,
    `import type { ApiClient, RequestOptions, ${entity.types.entity}, ${entity.types.create} } from './api-client.js';`,
    ...(hasDate ? [FORMAT_DATE_TIME_HELPER] : []),
    ADD_INPUT,
    listFunctions(resource, item),
    formFunction(resource),
  ].join('\n\n');
  return { path: domViewPath(resource), language: 'typescript', kind: 'source', content: content + '\n' };
}
