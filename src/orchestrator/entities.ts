import type { Entity } from '../contracts/plan.js';

/** A field type of {@link Entity}. */
export type FieldType = Entity['fields'][number]['type'];

/**
 * Sentences that name an entity and its fields: "a Task has title, due date and status", "each user with a name",
 * "une tâche a un titre", "eine Aufgabe hat einen Titel", "uma tarefa tem título".
 */
const HAS_FIELDS =
  /(?<![a-z0-9])(?:a|an|each|every|one|any|un|una|cada|une|chaque|ein|eine|jede|jeder|jedes|um|uma)\s+([a-z][a-z0-9]*)\s+(?:(?:entity|model|record)\s+)?(?:has|have|should have|must have|will have|contains?|includes?|with|tiene|debe tener|contiene|con|a|possede|contient|avec|hat|enthalt|mit|tem|deve ter|contem|com)\s+([^.;:\n]+)/;

/** "Task entity with title and status", "invoice model having amount". */
const NOUN_FIELDS =
  /(?<![a-z0-9])([a-z][a-z0-9]*)\s+(?:entity|model|resource|record|object|table)\s+(?:with|has|having|containing|that has|con|avec|mit|com)\s+([^.;:\n]+)/;

/** "manage tasks and projects", "CRUD for invoices", "gestionar tareas", "gérer les factures". */
const MANAGE =
  /(?<![a-z0-9])(?:manage|managing|track|tracking|crud (?:for|of|on)|crud|gestionar|administrar|crud de|crud para|gerer|crud des?|crud pour|crud fur|gerenciar|gerir)\s+(?:(?:the|their|our|all|las|los|les|des|die|as|os|todas las|todos los)\s+)?([a-z][a-z0-9]*(?:(?:\s*,\s*|\s+(?:and|y|et|und|e)\s+)(?:(?:the|las|los|les|des|die|as|os)\s+)?[a-z][a-z0-9]*)*)/;

/** "task tracker", "invoice management", "task-tracking", "Aufgaben verwalten". */
const NOUN_MANAGER =
  /(?<![a-z0-9])([a-z][a-z0-9]*)[ -](?:zu )?(?:tracker|tracking|manager|management|crud|verwalten|verwaltung)(?![a-z0-9])/;

const LIST_SEPARATOR = /\s*(?:,|\/|&|\s(?:and|or|y|o|et|ou|und|oder|e)\s)\s*/;
const FIELD_CUT = /\s(?:so|that|which|where|to|for|in|para|pour|fur|que|qui|en|em|im|auf)\s.*$/;
const LEADING_WORDS =
  /^(?:(?:a|an|the|its|their|optional|required|un|una|une|unos|unas|el|la|los|las|le|les|des|du|de|der|die|das|ein|eine|einen|einem|einer|eines|o|os|as|um|uma|uns|umas|also|plus)\s+)+/;

/** Words that name parts of software or stacks, never domain entities. */
const NOT_ENTITIES = new Set(
  (
    'a an the it its this that them they these those some any each every all one new simple small basic full complete single ' +
    'ui api app application page screen form list button component view dashboard modal layout frontend backend server ' +
    'service endpoint route database db pipeline workflow job test container image dockerfile file folder code repo ' +
    'repository feature system state data info information stuff thing everything something request response react vue ' +
    'angular svelte next express fastify nest koa hono postgres postgresql mysql mongodb mongo sqlite redis docker ' +
    'kubernetes helm compose ci rest graphql json yaml typescript javascript crud interface web website site field entity ' +
    'model resource record object support ability way time user-interface team project-wide style css deployment ' +
    'pagina pantalla formulario interfaz aplicacion servidor datos ecran formulaire serveur donnees seite formular ' +
    'oberflache anwendung daten tela aplicacao dados sistema systeme their our my your with for of in to and or ' +
    'deploy build add create use write run show include provide make set ship also then using via'
  ).split(' '),
);

/** A field phrase with one of these words describes software, not data ("una interfaz en React"). */
const SOFTWARE_WORDS = new Set(
  (
    'ui api apis app application page pages screen form forms list button component components view dashboard frontend ' +
    'backend server service endpoint endpoints route routes database db pipeline workflow container containers ' +
    'dockerfile react vue angular svelte express fastify nest koa hono postgres mysql mongodb sqlite redis docker ' +
    'kubernetes helm compose ci rest graphql interfaz interface pagina pantalla formulario aplicacion servidor ecran ' +
    'formulaire serveur seite formular oberflache anwendung tela aplicacao deploy deployment despliegue deploiement ' +
    'test tests pruebas testes'
  ).split(' '),
);

/** "tareas con título y estado", "factures avec un montant": fields after a known entity word. */
const FIELDS_AFTER =
  '\\s+(?:with|having|has|have|con|avec|mit|com|que tienen|qui ont|die haben|que tem)\\s+([^.;:\\n]+)';

const DATE_WORDS = new Set([
  'date',
  'dates',
  'deadline',
  'birthday',
  'birthdate',
  'duedate',
  'dob',
  'timestamp',
  'fecha',
  'datum',
  'echeance',
  'vencimiento',
  'vencimento',
  'termin',
]);
const NUMBER_WORDS = new Set([
  'count',
  'amount',
  'price',
  'quantity',
  'total',
  'cost',
  'age',
  'number',
  'qty',
  'score',
  'rating',
  'weight',
  'height',
  'width',
  'points',
  'estimate',
  'hours',
  'minutes',
  'budget',
  'balance',
  'priority',
  'precio',
  'cantidad',
  'importe',
  'prix',
  'montant',
  'quantite',
  'preis',
  'menge',
  'betrag',
  'anzahl',
  'preco',
  'quantidade',
  'valor',
]);
const BOOLEAN_WORDS = new Set([
  'done',
  'completed',
  'complete',
  'active',
  'enabled',
  'archived',
  'published',
  'verified',
  'visible',
  'paid',
  'flagged',
  'pinned',
  'favorite',
  'activo',
  'activa',
  'completada',
  'completado',
  'actif',
  'termine',
  'erledigt',
  'aktiv',
  'ativo',
  'concluido',
  'concluida',
]);

/** Infers a field type from its words: `*date*`/`*At` → date, amounts → number, flags (`is*`, `done`) → boolean. */
export function inferFieldType(words: readonly string[]): FieldType {
  const last = words[words.length - 1] ?? '';
  if (
    last === 'at' ||
    words.some(
      (w) => DATE_WORDS.has(w) || (w.endsWith('date') && w !== 'candidate' && w !== 'validate') || w.endsWith('datum'),
    )
  ) {
    return 'date';
  }
  if (words.some((w) => NUMBER_WORDS.has(w) || w.endsWith('count'))) return 'number';
  if (['is', 'has', 'can'].includes(words[0] ?? '') || words.some((w) => BOOLEAN_WORDS.has(w))) return 'boolean';
  return 'string';
}

/** Singular of an English (and, roughly, Romance-language) plural: categories → category, boxes → box, tasks → task. */
export function singularize(word: string): string {
  if (word.length <= 3 || /(?:ss|us|is)$/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:sh|ch|x|z|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

function words(text: string): string[] {
  return text
    .replace(/(?<![a-z])[dl]'/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function toCamelCase(parts: readonly string[]): string {
  return parts.map((w, i) => (i === 0 ? w : `${w.charAt(0).toUpperCase()}${w.slice(1)}`)).join('');
}

/** `tasks` → `Task`; null for words that are not domain entities. */
export function toEntityName(word: string): string | null {
  const singular = singularize(word.toLowerCase());
  if (!/^[a-z][a-z0-9]*$/.test(singular) || singular.length < 3 || NOT_ENTITIES.has(singular) || NOT_ENTITIES.has(word))
    return null;
  return `${singular.charAt(0).toUpperCase()}${singular.slice(1)}`;
}

/** Parses "title, a due date and status (todo, done)" into typed fields; pieces over 3 words are skipped. */
export function parseFieldList(raw: string): Entity['fields'] {
  const fields: Entity['fields'] = [];
  const cleaned = raw.replace(/\([^)]*\)/g, ' ').replace(FIELD_CUT, '');
  for (const piece of cleaned.split(LIST_SEPARATOR)) {
    const parts = words(piece.trim().replace(LEADING_WORDS, ''));
    if (parts.length === 0 || parts.length > 3 || !/^[a-z]/.test(parts[0] ?? '')) continue;
    if (parts.some((w) => SOFTWARE_WORDS.has(w))) continue;
    const name = toCamelCase(parts);
    if (!fields.some((f) => f.name === name)) fields.push({ name, type: inferFieldType(parts) });
  }
  return fields;
}

/** All matches of a non-global module pattern, through a fresh global copy (module patterns keep no `lastIndex`). */
function matchAll(pattern: RegExp, text: string): IterableIterator<RegExpExecArray> {
  return text.matchAll(new RegExp(pattern.source, `${pattern.flags}g`));
}

interface Found {
  index: number;
  name: string;
  fields: Entity['fields'];
}

function collect(text: string): Found[] {
  const found: Found[] = [];
  const add = (index: number, word: string, fields: Entity['fields'] = []): void => {
    const name = toEntityName(word);
    if (name !== null) found.push({ index, name, fields });
  };
  for (const m of matchAll(HAS_FIELDS, text)) add(m.index, m[1] ?? '', parseFieldList(m[2] ?? ''));
  for (const m of matchAll(NOUN_FIELDS, text)) add(m.index, m[1] ?? '', parseFieldList(m[2] ?? ''));
  for (const m of matchAll(NOUN_MANAGER, text)) add(m.index, m[1] ?? '');
  for (const m of matchAll(MANAGE, text)) {
    for (const word of (m[1] ?? '').split(LIST_SEPARATOR)) add(m.index, word.replace(LEADING_WORDS, ''));
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Fields named right after an entity word ("tasks with title and status"), for an entity found without fields. */
function fieldsAfterMention(text: string, name: string): Entity['fields'] {
  const singular = name.toLowerCase();
  for (const m of text.matchAll(new RegExp(`(?<![a-z0-9])${singular}(?:s|es|n|en)?${FIELDS_AFTER}`, 'g'))) {
    const fields = parseFieldList(m[1] ?? '');
    if (fields.length > 0) return fields;
  }
  return [];
}

/** `Aufgabe`/`Aufgaben`, `Tarea`/`Tareas`: the same entity under a plural ending the singularizer left alone. */
function isInflectionOf(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long === short || ['n', 'en', 's', 'e'].some((ending) => long === `${short}${ending}`);
}

/** Most entities kept from one request (the first mentioned), so agent output stays bounded. */
export const MAX_ENTITIES = 20;
/** Most fields kept per entity. */
export const MAX_FIELDS_PER_ENTITY = 30;

/**
 * Extracts domain entities from normalized request text (lower-case, accents stripped), in order of first mention,
 * merging the fields found for the same entity; at most {@link MAX_ENTITIES} entities of at most
 * {@link MAX_FIELDS_PER_ENTITY} fields. Entities whose fields the request never names get none here.
 */
export function extractEntities(text: string): Entity[] {
  const entities: Entity[] = [];
  for (const found of collect(text)) {
    let entity = entities.find((known) => isInflectionOf(known.name, found.name));
    if (entity === undefined && entities.length >= MAX_ENTITIES) continue;
    if (entity === undefined) {
      entity = { name: found.name, fields: [] };
      entities.push(entity);
    } else if (found.name.length < entity.name.length) {
      entity.name = found.name;
    }
    for (const field of found.fields) if (!entity.fields.some((f) => f.name === field.name)) entity.fields.push(field);
  }
  for (const entity of entities)
    if (entity.fields.length === 0) entity.fields.push(...fieldsAfterMention(text, entity.name));
  for (const entity of entities) entity.fields.splice(MAX_FIELDS_PER_ENTITY);
  return entities;
}
