/**
 * Naming helpers shared by every agent, so a type, a path and an operation id derived from the same entity
 * agree across the backend, frontend and quality artifacts. All functions are pure.
 */

const IRREGULAR_PLURALS: Readonly<Record<string, string>> = {
  person: 'people',
  child: 'children',
  man: 'men',
  woman: 'women',
  mouse: 'mice',
  datum: 'data',
};

/** Splits `TaskItem`, `task_item`, `task-item` or `task item` into lower-case words. */
export function toWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** English plural of one word or of the last word of a PascalCase name (`Category` → `Categories`). */
export function pluralize(name: string): string {
  const match = /^(.*?)([A-Za-z][a-z0-9]*)$/.exec(name);
  const head = match?.[1] ?? '';
  const last = match?.[2] ?? name;
  const lower = last.toLowerCase();
  const irregular = IRREGULAR_PLURALS[lower];
  if (irregular !== undefined) return head + matchCase(last, irregular);
  if (/[^aeiou]y$/.test(lower)) return head + last.slice(0, -1) + 'ies';
  if (/(s|x|z|ch|sh)$/.test(lower)) return head + last + 'es';
  return head + last + 's';
}

function matchCase(original: string, replacement: string): string {
  const first = original.charAt(0);
  return first === first.toUpperCase() ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
}

/** `task item` / `TaskItem` → `TaskItem`. */
export function pascalCase(text: string): string {
  return toWords(text)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** `TaskItem` → `taskItem`. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** `TaskItem` → `task-item`. */
export function kebabCase(text: string): string {
  return toWords(text).join('-');
}

/** `dueDate` → `Due date` (for labels and headings). */
export function humanize(text: string): string {
  const sentence = toWords(text).join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Words that cannot name a local variable in strict-mode TypeScript. */
const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'as implements interface let package private protected public static yield await any boolean number string ' +
    'symbol type of arguments eval undefined'
  ).split(' '),
);

/** A local variable name for `name`: the name itself, or `<name>Value` when it is a reserved word. */
export function toLocalName(name: string): string {
  return RESERVED_WORDS.has(name) ? `${name}Value` : name;
}

/** True when `name` can be written as `object.name` in TypeScript. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** `object.name`, or `object["name"]` when `name` is not an identifier. */
export function toPropertyAccess(object: string, name: string): string {
  return isIdentifier(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`;
}

/** A property key for an object literal or interface: bare when it is an identifier, quoted otherwise. */
export function toPropertyKey(name: string): string {
  return isIdentifier(name) ? name : JSON.stringify(name);
}

/** A single-quoted TypeScript string literal for `text` (the house style of generated code). */
export function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
