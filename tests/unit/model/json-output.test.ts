import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractJson, readJsonAnswer, toRepairMessage } from '../../../src/model/json-output.js';

describe('reading a model JSON answer', () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ['Here you go:\n```json\n{"a":2}\n```\nDone.', { a: 2 }],
    ['```\n{"a":3}\n```', { a: 3 }],
    ['Sure! {"a":4} hope this helps', { a: 4 }],
  ])('extracts %j', (text, value) => {
    expect(extractJson(text)).toEqual({ ok: true, value });
  });

  it.each([['no json here'], ['{"a": 1,,}'], ['```json\n{"a": }\n```'], ['']])('reports malformed %j', (text) => {
    const reading = extractJson(text);
    expect(reading.ok).toBe(false);
  });

  it('validates with the schema and the extra check, phrasing errors for a repair round', () => {
    const schema = z.object({ n: z.number().int() });
    expect(readJsonAnswer('{"n": 1.5}', schema)).toMatchObject({ ok: false, errors: [expect.stringContaining('n:')] });
    expect(readJsonAnswer('{"n": 2}', schema, (v) => (v.n > 1 ? ['n must be 1'] : []))).toEqual({
      ok: false,
      errors: ['n must be 1'],
    });
    expect(readJsonAnswer('{"n": 1}', schema, () => [])).toEqual({ ok: true, value: { n: 1 } });
    const repair = toRepairMessage(Array.from({ length: 20 }, (_, i) => `e${i}`));
    expect(repair).toContain('- e0');
    expect(repair).toContain('(8 more)');
  });
});
