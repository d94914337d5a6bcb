import { humanize, isIdentifier, pascalCase, toLocalName, toPropertyAccess } from '../shared/naming.js';
import type { ContractField } from './contract.js';

/** How one field is held in a form (as a string or boolean state) and turned back into an API value. */
export interface FormFieldCode {
  label: string;
  /** Local state variable and its setter, e.g. `title` / `setTitle`. */
  local: string;
  setter: string;
  /** Initial state expression given `initial?: Entity`. */
  initial: string;
  /** The API value built from the state, for the create/update body. */
  toValue: string;
  /** HTML input type. */
  inputType: 'text' | 'number' | 'checkbox' | 'datetime-local';
}

/** `initial?.name`, or `initial?.["na-me"]` when the name is not an identifier. */
function optionalAccess(object: string, name: string): string {
  return isIdentifier(name) ? `${object}?.${name}` : `${object}?.[${JSON.stringify(name)}]`;
}

/** Names the generated form and view code uses itself; a field with one of these names gets a `Field` suffix. */
const TAKEN_LOCALS = new Set([
  'client',
  'initial',
  'onSaved',
  'error',
  'setError',
  'saving',
  'setSaving',
  'save',
  'input',
  'saved',
  'reason',
  'form',
  'container',
  'submit',
  'button',
  'status',
  'event',
  'label',
  'control',
  'toDateTimeLocal',
  'formatDateTime',
]);

/** The form code of one field. `date` fields use `toDateTimeLocal` (see {@link DATE_TIME_LOCAL_HELPER}). */
export function toFormFieldCode(field: ContractField): FormFieldCode {
  const base = toLocalName(field.name);
  const local = TAKEN_LOCALS.has(base) ? `${field.name}Field` : base;
  const setter = `set${pascalCase(local)}`;
  const access = toPropertyAccess('initial', field.name);
  const label = humanize(field.name);
  switch (field.type) {
    case 'string':
      return {
        label,
        local,
        setter,
        initial: `${optionalAccess('initial', field.name)} ?? ''`,
        toValue: local,
        inputType: 'text',
      };
    case 'number':
      return {
        label,
        local,
        setter,
        initial: `initial === undefined ? '' : String(${access})`,
        toValue: `Number(${local})`,
        inputType: 'number',
      };
    case 'boolean':
      return {
        label,
        local,
        setter,
        initial: `${optionalAccess('initial', field.name)} ?? false`,
        toValue: local,
        inputType: 'checkbox',
      };
    case 'date':
      return {
        label,
        local,
        setter,
        initial: `initial === undefined ? '' : toDateTimeLocal(${access})`,
        toValue: `new Date(${local}).toISOString()`,
        inputType: 'datetime-local',
      };
  }
}

/** Converts an ISO 8601 date-time to the local `YYYY-MM-DDTHH:mm` value of a datetime-local input. */
export const DATE_TIME_LOCAL_HELPER = `function toDateTimeLocal(iso: string): string {
  const date = new Date(iso);
  const offsetMs = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offsetMs).toISOString().slice(0, 16);
}`;

/** Formats a date-time field for display; empty for a missing value. */
export const FORMAT_DATE_TIME_HELPER = `function formatDateTime(value: string | undefined): string {
  return value === undefined ? '' : new Date(value).toLocaleString();
}`;

/** The display expression of `field` of `item` in a list cell, as a string. */
export function toDisplayExpression(item: string, field: ContractField): string {
  const access = toPropertyAccess(item, field.name);
  switch (field.type) {
    case 'string':
      return `${access} ?? ''`;
    case 'number':
      return `String(${access} ?? '')`;
    case 'boolean':
      return `${access} === true ? 'Yes' : 'No'`;
    case 'date':
      return `formatDateTime(${access})`;
  }
}

/** The object literal of the create/update body built from the form state. */
export function toBodyLiteral(fields: readonly ContractField[]): string {
  const entries = fields.map((field) => {
    const value = toFormFieldCode(field).toValue;
    return value === field.key ? value : `${field.key}: ${value}`;
  });
  return `{ ${entries.join(', ')} }`;
}
