import type { z } from 'zod';
import type { ModelContent, ModelGateway, ModelRequest, ModelResponse } from '../contracts/model.js';
import { ModelError } from './errors.js';

/** Most validation errors quoted back to the model in a repair round. */
const MAX_ERRORS_QUOTED = 12;

/** The outcome of reading a model's JSON answer. */
export type JsonReading<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** The text blocks of an answer, joined. */
export function textOf(content: readonly ModelContent[]): string {
  return content
    .filter((c): c is Extract<ModelContent, { type: 'text' }> => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
}

/**
 * Reads the JSON object of a model answer: the first fenced block (```json … ```) when there is one, else the
 * text from the first `{` to the last `}`. Strict `JSON.parse`: malformed JSON is reported, never guessed at.
 */
export function extractJson(text: string): JsonReading<unknown> {
  const fenced = /```(?:json)?\s*\n([\s\S]*?)```/i.exec(text)?.[1];
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  const candidate = fenced ?? (start < 0 ? '' : text.slice(start, end > start ? end + 1 : undefined));
  if (candidate.trim() === '') return { ok: false, errors: ['the answer holds no JSON object'] };
  try {
    return { ok: true, value: JSON.parse(candidate) as unknown };
  } catch (error) {
    return { ok: false, errors: [`the JSON does not parse: ${(error as Error).message}`] };
  }
}

/**
 * Parses and validates a model answer: JSON, then the zod schema, then `check` (rules beyond the schema, e.g.
 * a DAG without cycles). Errors are phrased for the model to repair.
 */
export function readJsonAnswer<T>(
  text: string,
  schema: z.ZodType<T>,
  check?: (value: T) => readonly string[],
): JsonReading<T> {
  const json = extractJson(text);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`),
    };
  }
  const problems = check?.(parsed.data) ?? [];
  return problems.length > 0 ? { ok: false, errors: [...problems] } : { ok: true, value: parsed.data };
}

/** A validated answer with the calls that produced it. */
export interface JsonAnswer<T> {
  value: T;
  /** The answers received (1, or 2 after a repair round). */
  responses: ModelResponse[];
}

/** The repair message sent after an invalid answer. */
export function toRepairMessage(errors: readonly string[]): string {
  const shown = errors.slice(0, MAX_ERRORS_QUOTED).map((e) => `- ${e}`);
  const more = errors.length > MAX_ERRORS_QUOTED ? [`- (${errors.length - MAX_ERRORS_QUOTED} more)`] : [];
  return [
    'Your answer was rejected by the validator:',
    ...shown,
    ...more,
    'Answer again with ONLY the corrected JSON object, no prose.',
  ].join('\n');
}

/**
 * Asks for a JSON answer, validates it, and on failure runs exactly one repair round quoting the errors.
 *
 * @throws ModelError `model_output_invalid` when the repaired answer is still invalid; any gateway error.
 */
export async function completeJson<T>(
  gateway: ModelGateway,
  request: ModelRequest,
  schema: z.ZodType<T>,
  options: { signal?: AbortSignal; check?: (value: T) => readonly string[] } = {},
): Promise<JsonAnswer<T>> {
  const first = await gateway.complete(request, options.signal ? { signal: options.signal } : {});
  const reading = readJsonAnswer(textOf(first.content), schema, options.check);
  if (reading.ok) return { value: reading.value, responses: [first] };
  const repair: ModelRequest = {
    ...request,
    tools: [],
    messages: [
      ...request.messages,
      { role: 'assistant', content: [{ type: 'text', text: textOf(first.content) || '(empty answer)' }] },
      { role: 'user', content: [{ type: 'text', text: toRepairMessage(reading.errors) }] },
    ],
  };
  const second = await gateway.complete(repair, options.signal ? { signal: options.signal } : {});
  const repaired = readJsonAnswer(textOf(second.content), schema, options.check);
  if (repaired.ok) return { value: repaired.value, responses: [first, second] };
  throw new ModelError(
    'model_output_invalid',
    `The model's answer stayed invalid after one repair round: ${repaired.errors.slice(0, 3).join('; ')}`,
    {
      data: { errors: repaired.errors.slice(0, MAX_ERRORS_QUOTED) },
    },
  );
}
